/// One custom line of a fixture credit note.
public struct FixtureCreditNoteLine: Decodable, Sendable, Equatable {
    /// What is credited.
    public var description: String
    /// The amount per unit in minor units.
    public var unitAmount: Int
    /// Quantity (1 unless given).
    public var quantity: Int?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case description, quantity
        case unitAmount = "unit_amount"
    }
}
