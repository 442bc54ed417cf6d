/// The Stripe resources the loader knows, in declaration order; `LoadOrder.resources` (and `<`)
/// is the dependency order computed from their references.
public enum Resource: String, CaseIterable, Sendable, Codable, Comparable {
    /// Products (`prod_…`).
    case products
    /// Prices (`price_…`), referencing products.
    case prices
    /// Customers (`cus_…`).
    case customers
    /// Payment methods (`pm_…`), referencing customers.
    case paymentMethods = "payment_methods"
    /// Subscriptions (`sub_…`) and their items, referencing customers and prices.
    case subscriptions
    /// Invoices (`in_…`) and their line items, referencing customers and subscriptions.
    case invoices
    /// Payment intents (`pi_…`), referencing customers, invoices and payment methods.
    case paymentIntents = "payment_intents"
    /// Charges (`ch_…`), referencing customers, payment intents and invoices.
    case charges
    /// Invoice payments (`inpay_…`): which payment intent or charge paid which invoice, and how
    /// much; referencing invoices, payment intents and charges. From API version 2025-03-31.basil
    /// they are the only link between an invoice and its payment.
    case invoicePayments = "invoice_payments"
    /// Refunds (`re_…`, `pyr_…`), referencing charges, payment intents and balance transactions.
    case refunds
    /// Disputes (`dp_…`, `du_…`), referencing charges and payment intents.
    case disputes
    /// Balance transactions (`txn_…`): every movement of the account's balance, with its fee;
    /// the polymorphic `source` references a charge, refund, dispute or payout.
    case balanceTransactions = "balance_transactions"
    /// Payouts (`po_…`) to the account's bank, referencing balance transactions and other payouts.
    case payouts
    /// Coupons (merchant-chosen ids, no prefix), naming the products they apply to.
    case coupons
    /// Promotion codes (`promo_…`), referencing coupons and customers.
    case promotionCodes = "promotion_codes"
    /// Plans, Stripe's older prices (ids often `price_…`, since a recurring price is also a
    /// plan), referencing products. `Resource(objectName: "plan")` is this table; a plan
    /// embedded in an older subscription item or invoice line still fills `prices`.
    case plans
    /// Tax rates (`txr_…`).
    case taxRates = "tax_rates"
    /// Invoice items (`ii_…`, object `invoiceitem`), referencing customers, invoices,
    /// subscriptions and prices.
    case invoiceItems = "invoice_items"
    /// Setup intents (`seti_…`), referencing customers and payment methods.
    case setupIntents = "setup_intents"
    /// Discounts (`di_…`): no list endpoint; harvested from the customers, subscriptions,
    /// invoices and invoice items that embed them; referencing coupons, promotion codes,
    /// customers, subscriptions, invoices and invoice items.
    case discounts
    /// Credit notes (`cn_…`) and their lines, referencing invoices and customers.
    case creditNotes = "credit_notes"
    /// Checkout sessions (`cs_…`) and their line items, referencing customers, subscriptions,
    /// payment intents and invoices.
    case checkoutSessions = "checkout_sessions"
    /// Events (`evt_…`): the account's history, kept forever (Stripe keeps 30 days); what live
    /// sync applies, and what fetch reads for increments.
    case events

    /// The table in schema `stripe` (`stripe.customers`).
    public var table: String { "stripe.\(rawValue)" }

    /// The bare table name (`customers`).
    public var tableName: String { rawValue }

    /// Stripe's `object` value for this resource (`customer`), as its spec declares it.
    public var objectName: String { ResourceSpec.of(self).objectName }

    /// The dump file's base name (`customers.json`; `.json.gz` is read too).
    public var fileName: String { "\(rawValue).json" }

    /// Stripe's list endpoint for this resource (`/v1/payment_methods`).
    public var listPath: String { ResourceSpec.of(self).listPath }

    /// Orders resources by dependency (parents first), as `LoadOrder` computes it.
    public static func < (lhs: Resource, rhs: Resource) -> Bool {
        loadRank[lhs]! < loadRank[rhs]!
    }

    private static let loadRank: [Resource: Int] = Dictionary(
        uniqueKeysWithValues: LoadOrder.resources.enumerated().map { ($0.element, $0.offset) })

    /// The resource whose objects carry `object: objectName` (`customer` → customers).
    public init?(objectName: String) {
        guard let match = Resource.allCases.first(where: { $0.objectName == objectName }) else { return nil }
        self = match
    }

    /// Parses a resource name as the CLI and files spell it (`payment_methods`, also `payment-methods`).
    public init?(name: String) {
        self.init(rawValue: name.replacingOccurrences(of: "-", with: "_").lowercased())
    }
}
