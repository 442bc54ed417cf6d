/// A set of ids found by a check: how many in all, and the first few (sorted).
public struct IDSample: Sendable, Codable, Equatable {
    /// How many ids in all.
    public var total: Int
    /// The first ids, sorted.
    public var first: [String]

    /// An empty sample.
    public static let none = IDSample(total: 0, first: [])

    /// Creates a sample.
    public init(total: Int, first: [String]) {
        self.total = total
        self.first = first
    }

    /// True when no id was found.
    public var isEmpty: Bool { total == 0 }
}
