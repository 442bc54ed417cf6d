/// A one-off payment in the populate fixture, confirmed at once, and the status it should end in.
public struct FixturePaymentIntent: Decodable, Sendable, Equatable {
    /// The statuses a fixture payment may end in: paid, or declined (Stripe leaves a declined
    /// payment intent waiting for another payment method).
    public static let finalStatuses: Set<String> = ["succeeded", "requires_payment_method"]

    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The fixture key of the customer.
    public var customer: String
    /// The fixture key of the payment method charged.
    public var paymentMethod: String
    /// The amount in minor units.
    public var amount: Int
    /// Three-letter ISO currency code, lower case.
    public var currency: String
    /// A description.
    public var description: String?
    /// `succeeded` or `requires_payment_method` (the card is declined).
    public var finalStatus: String
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case key, customer, amount, currency, description, metadata
        case paymentMethod = "payment_method"
        case finalStatus = "final_status"
    }

    /// Whether the payment is expected to be declined.
    public var expectsDecline: Bool { finalStatus == "requires_payment_method" }
}
