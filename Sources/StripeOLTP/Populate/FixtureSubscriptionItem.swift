/// One item of a fixture subscription.
public struct FixtureSubscriptionItem: Decodable, Sendable, Equatable {
    /// The fixture key of a recurring price.
    public var price: String
    /// Quantity (1 unless given).
    public var quantity: Int?
}
