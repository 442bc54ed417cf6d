/// The billing interval of a recurring fixture price.
public struct FixtureRecurring: Decodable, Sendable, Equatable {
    /// `day`, `week`, `month` or `year`.
    public var interval: String
    /// How many intervals between bills (1 unless given).
    public var intervalCount: Int?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case interval
        case intervalCount = "interval_count"
    }

    /// The interval count, 1 when the fixture leaves it out.
    public var count: Int { intervalCount ?? 1 }
}
