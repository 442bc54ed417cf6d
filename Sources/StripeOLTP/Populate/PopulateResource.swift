/// The kinds of object `populate` creates, in the order it creates them.
public enum PopulateResource: String, CaseIterable, Codable, Sendable {
    /// `/v1/products`.
    case products
    /// `/v1/prices`.
    case prices
    /// `/v1/customers`.
    case customers
    /// `/v1/payment_methods`.
    case paymentMethods = "payment_methods"
    /// `/v1/subscriptions`.
    case subscriptions
    /// `/v1/payment_intents`.
    case paymentIntents = "payment_intents"
    /// `/v1/refunds`.
    case refunds
    /// `/v1/payouts`.
    case payouts
    /// `/v1/coupons`.
    case coupons
    /// `/v1/promotion_codes`.
    case promotionCodes = "promotion_codes"
    /// `/v1/plans`.
    case plans
    /// `/v1/tax_rates`.
    case taxRates = "tax_rates"
    /// `/v1/invoiceitems`.
    case invoiceItems = "invoice_items"
    /// `/v1/setup_intents`.
    case setupIntents = "setup_intents"
    /// A coupon applied to a customer (`POST /v1/customers/{id}` with `coupon`).
    case discounts

    /// The kinds a fixture's `billing` list creates, in the order populate creates them.
    public static let billing: [PopulateResource] = [
        .coupons, .promotionCodes, .plans, .taxRates, .invoiceItems, .setupIntents, .discounts,
    ]
    /// `/v1/credit_notes`.
    case creditNotes = "credit_notes"
    /// `/v1/checkout/sessions`.
    case checkoutSessions = "checkout_sessions"
}
