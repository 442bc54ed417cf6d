/// A postal address in the populate fixture (`customers[].address`).
public struct FixtureAddress: Decodable, Sendable, Equatable {
    /// Street line 1.
    public var line1: String?
    /// Street line 2.
    public var line2: String?
    /// City.
    public var city: String?
    /// State, county or province.
    public var state: String?
    /// Postal code.
    public var postalCode: String?
    /// Two-letter ISO country code.
    public var country: String?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case line1, line2, city, state, country
        case postalCode = "postal_code"
    }

    /// The address as Stripe's `address[…]` form parameter, empty fields left out.
    public var formValue: [(String, String)] {
        [("line1", line1), ("line2", line2), ("city", city), ("state", state), ("postal_code", postalCode),
         ("country", country)].compactMap { name, value in value.map { (name, $0) } }
    }
}
