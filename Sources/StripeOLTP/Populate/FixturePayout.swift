/// A payout of part of the account's balance to its bank, made after the fixture payments.
public struct FixturePayout: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The amount paid out in minor units; the balance must hold it (Stripe answers
    /// `balance_insufficient` otherwise).
    public var amount: Int
    /// Three-letter ISO currency code, lower case.
    public var currency: String
    /// A description.
    public var description: String?
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?
}
