/// The result of comparing a dump folder with the database.
public struct CheckReport: Sendable, Codable, Equatable {
    /// One result per resource, in dependency order.
    public var resources: [ResourceCheck]
    /// Referential and reconciliation rules.
    public var rules: [RuleCheck]
    /// Wall time, in seconds.
    public var seconds: Double

    /// True when every resource and rule passed.
    public var passed: Bool { resources.allSatisfy(\.passed) && rules.allSatisfy(\.passed) }
}
