/// The result of comparing a dump folder with the database.
public struct CheckReport: Sendable, Codable, Equatable {
    /// One result per resource, in dependency order.
    public var resources: [ResourceCheck]
    /// Referential and reconciliation rules.
    public var rules: [RuleCheck]
    /// Wall time, in seconds.
    public var seconds: Double

    /// True when the database holds exactly what the dumps hold: every resource matches and no
    /// reference or placeholder rule is broken. Warnings (`warnings`) do not count.
    public var passed: Bool {
        resources.allSatisfy(\.passed) && rules.allSatisfy { $0.passed || $0.kind.isWarning }
    }

    /// The broken rules whose breaks can come from Stripe's own data: invariants and values
    /// outside the documented ones.
    public var warnings: [RuleCheck] { rules.filter { !$0.passed && $0.kind.isWarning } }

    /// `passed`, and under `strict` also no warnings.
    public func passed(strict: Bool) -> Bool { passed && (!strict || warnings.isEmpty) }
}
