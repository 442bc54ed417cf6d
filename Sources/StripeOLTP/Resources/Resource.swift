/// The Stripe resources the loader knows, in dependency order (parents before children).
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

    /// Orders resources by dependency (parents first).
    public static func < (lhs: Resource, rhs: Resource) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

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
