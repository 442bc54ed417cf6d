/// The payload of `ingest.completed`: the outcome and, per resource, its counts and seconds.
public struct IngestTelemetry: Encodable, Sendable {
    /// The dump folder or file.
    public var source: String
    /// `succeeded`, `partial` or `failed`.
    public var outcome: String
    /// Rejected objects over every resource.
    public var rejected: Int
    /// Each resource's summary (counts, seconds, outcome), by resource name.
    public var resources: [String: ResourceSummary]

    /// The payload for `report` of a run over `source`.
    public init(report: IngestReport, source: String) {
        self.source = source
        outcome = report.outcome
        rejected = report.resources.reduce(0) { $0 + $1.rejected }
        resources = Dictionary(report.resources.map { ($0.resource.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
