/// The payload of `check.completed`: the verdict and the resources that differ.
public struct CheckTelemetry: Encodable, Sendable {
    /// `match`, `warnings` (matches, with invariant warnings) or `differences`.
    public var verdict: String
    /// The resources whose rows differ from the dumps.
    public var differingResources: [String]
    /// The rules that failed (warnings included).
    public var failedRules: Int

    /// The payload for `report`.
    public init(report: CheckReport) {
        verdict = !report.passed ? "differences" : (report.warnings.isEmpty ? "match" : "warnings")
        differingResources = report.resources.filter { !$0.passed }.map(\.resource.rawValue)
        failedRules = report.rules.filter { !$0.passed }.count
    }
}
