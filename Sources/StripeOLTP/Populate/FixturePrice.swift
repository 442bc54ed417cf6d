/// A price in the populate fixture: one-time, or recurring when `recurring` is given.
public struct FixturePrice: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The fixture key of the price's product.
    public var product: String
    /// A display name.
    public var nickname: String?
    /// Three-letter ISO currency code, lower case.
    public var currency: String
    /// The amount in minor units.
    public var unitAmount: Int
    /// The billing interval; nil for a one-time price.
    public var recurring: FixtureRecurring?
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case key, product, nickname, currency, recurring, metadata
        case unitAmount = "unit_amount"
    }
}
