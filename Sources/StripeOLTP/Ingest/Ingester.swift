import Foundation
import Postgres

/// Runs ingest over one or more resources, in dependency order, recording the run.
///
/// The whole run holds an advisory lock, so two ingest runs against one database serialize.
/// Each resource loads in its own transaction: a failure (malformed file, database error)
/// rolls that resource back and the run goes on with the others.
public final class Ingester {
    /// The advisory lock key every ingest run takes.
    public static let lockKey: Int64 = 0x5354_524F_4C54_5002

    private let connection: PGConnection
    private let batchSize: Int

    /// Creates an ingester on a migrated database.
    public init(connection: PGConnection, batchSize: Int = 2000) {
        precondition(batchSize > 0, "batch size must be positive")
        self.connection = connection
        self.batchSize = batchSize
    }

    /// Loads each `(resource, file)` pair in dependency order; a nil file is reported missing.
    /// `progress` receives the resource and the objects read so far; `onResource` each summary
    /// as its resource finishes.
    public func run(
        _ inputs: [(Resource, String?)],
        source: String,
        progress: @escaping (Resource, Int) -> Void = { _, _ in },
        onResource: (ResourceSummary) -> Void = { _ in }
    ) throws -> IngestReport {
        let started = Date()
        let ordered = inputs.sorted { $0.0 < $1.0 }
        return try connection.withAdvisoryLock(Ingester.lockKey) {
            guard let runID = try connection.query(
                "INSERT INTO stripe_oltp.ingest_runs (source) VALUES ($1) RETURNING id", [source]).scalar(Int64.self)
            else { preconditionFailure("INSERT … RETURNING gave no row") }
            var summaries: [ResourceSummary] = []
            for (resource, file) in ordered {
                guard let file else {
                    var missing = ResourceSummary(resource: resource)
                    missing.outcome = .missing
                    summaries.append(missing)
                    onResource(missing)
                    continue
                }
                let loader = ResourceLoader(
                    connection: connection, spec: .of(resource), runID: runID, batchSize: batchSize,
                    progress: { progress(resource, $0) })
                let resourceStarted = Date()
                var summary: ResourceSummary
                do {
                    summary = try loader.load(file: file)
                } catch {
                    summary = ResourceSummary(resource: resource, file: file)
                    summary.outcome = .failed
                    summary.error = Secrets.redact("\(error)")
                    summary.seconds = Date().timeIntervalSince(resourceStarted)
                }
                summaries.append(summary)
                onResource(summary)
            }
            for index in summaries.indices {
                summaries[index].placeholders = try connection.query(
                    "SELECT count(*) FROM \(summaries[index].resource.table) WHERE is_placeholder").scalar(Int.self) ?? 0
            }
            let report = IngestReport(runID: runID, resources: summaries, seconds: Date().timeIntervalSince(started))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let summaryJSON = String(decoding: try encoder.encode(report.resources), as: UTF8.self)
            let errors = summaries.compactMap(\.error).joined(separator: "\n")
            try connection.query("""
                UPDATE stripe_oltp.ingest_runs SET finished_at = now(), outcome = $2, summary = $3::jsonb, error = $4
                WHERE id = $1
                """, [runID, report.outcome, summaryJSON, errors.isEmpty ? nil : errors])
            return report
        }
    }

    /// The inputs for every resource of a dump folder (missing files reported as nil).
    public static func inputs(directory: DumpDirectory, resources: [Resource] = Resource.allCases) -> [(Resource, String?)] {
        resources.map { ($0, directory.file(for: $0)) }
    }
}
