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
    /// `/v1/credit_notes`.
    case creditNotes = "credit_notes"
    /// `/v1/checkout/sessions`.
    case checkoutSessions = "checkout_sessions"
}
