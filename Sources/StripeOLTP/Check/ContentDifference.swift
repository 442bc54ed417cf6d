/// One object whose stored copy differs from the dump, and where.
public struct ContentDifference: Sendable, Codable, Equatable {
    /// The object's id.
    public var id: String
    /// Top-level JSON fields of `raw` that differ, and typed columns that differ (as `column:name`).
    public var fields: [String]

    /// Creates a difference.
    public init(id: String, fields: [String]) {
        self.id = id
        self.fields = fields
    }
}
