/// A customer in the populate fixture.
public struct FixtureCustomer: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// Full name.
    public var name: String
    /// E-mail address; populate finds an existing customer by it.
    public var email: String
    /// Phone number.
    public var phone: String?
    /// Billing address.
    public var address: FixtureAddress?
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?
    /// When true the customer is deleted once its payments and refunds exist, so downstream
    /// loads meet objects that reference a customer no longer in Stripe.
    public var deleteAfterPayments: Bool?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case key, name, email, phone, address, metadata
        case deleteAfterPayments = "delete_after_payments"
    }

    /// Whether the customer ends up deleted.
    public var endsDeleted: Bool { deleteAfterPayments ?? false }
}
