/// A product in the populate fixture.
public struct FixtureProduct: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The product's name.
    public var name: String
    /// The product's description.
    public var description: String?
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?
}
