/// The kinds of object the emulator stores, with their Stripe id prefixes and dump file names.
public enum ResourceKind: String, Sendable, CaseIterable {
    /// `prod_…`
    case product
    /// `price_…`
    case price
    /// `cus_…`
    case customer
    /// `pm_…`
    case paymentMethod = "payment_method"
    /// `sub_…`
    case subscription
    /// `si_…`
    case subscriptionItem = "subscription_item"
    /// `in_…`
    case invoice
    /// `il_…`
    case lineItem = "line_item"
    /// `pi_…`
    case paymentIntent = "payment_intent"
    /// `ch_…`
    case charge
    /// `inpay_…`: which payment paid which invoice (API version 2025-03-31.basil and later).
    case invoicePayment = "invoice_payment"
    /// `re_…`
    case refund
    /// `evt_…`
    case event
    /// `dp_…`: a disputed charge (the test card 4000000000000259 is disputed).
    case dispute
    /// `txn_…`: a movement of the account's balance (charges, refunds, disputes, payouts).
    case balanceTransaction = "balance_transaction"
    /// `po_…`: money paid out of the balance to the account's bank.
    case payout
    /// Coupons: merchant-chosen ids without a prefix (generated ones are eight letters and digits).
    case coupon
    /// `promo_…`
    case promotionCode = "promotion_code"
    /// `plan_…`: Stripe's older prices.
    case plan
    /// `txr_…`
    case taxRate = "tax_rate"
    /// `ii_…` (object `invoiceitem`).
    case invoiceItem = "invoiceitem"
    /// `seti_…`
    case setupIntent = "setup_intent"
    /// `di_…`: a coupon applied to a customer or subscription.
    case discount
    /// `cn_…`
    case creditNote = "credit_note"
    /// `cnli_…`: a credit note's line.
    case creditNoteLine = "credit_note_line_item"
    /// `cs_…`: a checkout session (`checkout.session`).
    case checkoutSession = "checkout.session"
    /// `li_…`: a checkout session's line item (`item`).
    case checkoutLineItem = "checkout_line_item"
    /// `we_…`: where events are delivered (secrets kept apart, in the state).
    case webhookEndpoint = "webhook_endpoint"

    /// The id prefix, without the underscore.
    public var prefix: String {
        switch self {
        case .product: return "prod"
        case .price: return "price"
        case .customer: return "cus"
        case .paymentMethod: return "pm"
        case .subscription: return "sub"
        case .subscriptionItem: return "si"
        case .invoice: return "in"
        case .lineItem: return "il"
        case .paymentIntent: return "pi"
        case .charge: return "ch"
        case .invoicePayment: return "inpay"
        case .refund: return "re"
        case .event: return "evt"
        case .dispute: return "dp"
        case .balanceTransaction: return "txn"
        case .payout: return "po"
        case .coupon: return "coupon"
        case .promotionCode: return "promo"
        case .plan: return "plan"
        case .taxRate: return "txr"
        case .invoiceItem: return "ii"
        case .setupIntent: return "seti"
        case .discount: return "di"
        case .creditNote: return "cn"
        case .creditNoteLine: return "cnli"
        case .checkoutSession: return "cs"
        case .checkoutLineItem: return "li"
        case .webhookEndpoint: return "we"
        }
    }

    /// The noun Stripe's "No such …" messages use.
    public var noun: String {
        switch self {
        case .paymentMethod: return "PaymentMethod"
        case .paymentIntent: return "payment_intent"
        case .subscriptionItem: return "subscription item"
        case .lineItem: return "line item"
        case .promotionCode: return "promotion code"
        case .taxRate: return "tax rate"
        case .invoiceItem: return "invoice item"
        case .setupIntent: return "setup_intent"
        case .creditNote: return "credit note"
        case .creditNoteLine: return "credit note line item"
        case .checkoutSession: return "checkout.session"
        case .checkoutLineItem: return "line item"
        default: return rawValue
        }
    }

    /// The dump file that seeds this kind (`customers.json`, …).
    public var dumpFileName: String {
        switch self {
        case .product: return "products.json"
        case .price: return "prices.json"
        case .customer: return "customers.json"
        case .paymentMethod: return "payment_methods.json"
        case .subscription: return "subscriptions.json"
        case .subscriptionItem: return "subscription_items.json"
        case .invoice: return "invoices.json"
        case .lineItem: return "invoice_line_items.json"
        case .paymentIntent: return "payment_intents.json"
        case .charge: return "charges.json"
        case .invoicePayment: return "invoice_payments.json"
        case .refund: return "refunds.json"
        case .event: return "events.json"
        case .dispute: return "disputes.json"
        case .balanceTransaction: return "balance_transactions.json"
        case .payout: return "payouts.json"
        case .coupon: return "coupons.json"
        case .promotionCode: return "promotion_codes.json"
        case .plan: return "plans.json"
        case .taxRate: return "tax_rates.json"
        case .invoiceItem: return "invoice_items.json"
        case .setupIntent: return "setup_intents.json"
        case .discount: return "discounts.json"
        case .creditNote: return "credit_notes.json"
        case .creditNoteLine: return "credit_note_lines.json"
        case .checkoutSession: return "checkout_sessions.json"
        case .checkoutLineItem: return "checkout_session_line_items.json"
        case .webhookEndpoint: return "webhook_endpoints.json"
        }
    }

    /// The kind whose ids carry the prefix of `id`, if any.
    public static func of(id: String) -> ResourceKind? {
        guard let underscore = id.firstIndex(of: "_") else { return nil }
        let prefix = id[..<underscore]
        return allCases.first { $0.prefix == prefix }
    }
}
