/// A refund of a fixture payment.
public struct FixtureRefund: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The fixture key of a payment that succeeds.
    public var paymentIntent: String
    /// The amount refunded in minor units (the whole payment when nil).
    public var amount: Int?
    /// `duplicate`, `fraudulent` or `requested_by_customer`.
    public var reason: String?
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case key, amount, reason, metadata
        case paymentIntent = "payment_intent"
    }
}
