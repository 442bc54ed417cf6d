/// The payload of `populate.completed`: created, skipped and failed objects.
public struct PopulateTelemetry: Encodable, Sendable {
    /// Objects created.
    public var created: Int
    /// Objects already present.
    public var skipped: Int
    /// Objects that failed.
    public var failed: Int
    /// True under `--force` (subscriptions recreated).
    public var force: Bool

    /// The payload for `report`.
    public init(report: PopulateReport) {
        created = report.total.created
        skipped = report.total.skipped
        failed = report.total.failed
        force = report.force
    }
}
