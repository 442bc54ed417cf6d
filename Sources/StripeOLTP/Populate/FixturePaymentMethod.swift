/// A card payment method attached to a fixture customer.
public struct FixturePaymentMethod: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The fixture key of the customer it is attached to.
    public var customer: String
    /// One of Stripe's test payment methods, `pm_card_<name>` (e.g. `pm_card_visa`,
    /// `pm_card_chargeCustomerFail`); populate creates the card from the matching `tok_<name>`.
    public var testPaymentMethod: String
    /// Whether it becomes the customer's default for invoices.
    public var isDefault: Bool?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case key, customer
        case testPaymentMethod = "test_payment_method"
        case isDefault = "default"
    }

    /// The test card name (`visa` for `pm_card_visa`), or nil when the id is not a `pm_card_` one.
    public var cardName: String? {
        guard testPaymentMethod.hasPrefix("pm_card_"), testPaymentMethod.count > "pm_card_".count else { return nil }
        return String(testPaymentMethod.dropFirst("pm_card_".count))
    }
}
