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
