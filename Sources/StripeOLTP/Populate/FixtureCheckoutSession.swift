/// A checkout session of a fixture customer, left open (Stripe completes one only when a buyer
/// pays on its page).
public struct FixtureCheckoutSession: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The fixture key of a customer that is not deleted at the end.
    public var customer: String
    /// `payment` (one-time prices) or `subscription` (recurring prices).
    public var mode: String
    /// The items: fixture prices and quantities.
    public var lineItems: [FixtureSubscriptionItem]
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?

    /// The modes populate creates.
    public static let modes: Set<String> = ["payment", "subscription"]

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case key, customer, mode, metadata
        case lineItems = "line_items"
    }
}
