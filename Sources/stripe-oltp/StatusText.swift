import Foundation
import StripeOLTP

/// The human-readable form of `stripe-oltp status`: a table per resource, then the runs and the lag.
enum StatusText {
    /// The table and the lines under it.
    static func render(_ status: SyncStatus) -> String {
        let rows = status.resources.map { entry in
            [entry.resource.rawValue, String(entry.rows), String(entry.placeholders), String(entry.rejects),
             entry.newestCreated.map(time) ?? "-", entry.cursorAgeSeconds.map(SyncStatus.duration) ?? "-"]
        }
        var lines = [TextTable.render(
            headers: ["resource", "rows", "placeholders", "rejects", "newest created", "cursor age"],
            rows: rows, rightAligned: [1, 2, 3])]
        for command in ["ingest", "fetch", "check", "populate"] {
            let run = status.lastRuns.first { $0.command == command }
            lines.append("last \(command): " + (run.map { "\($0.outcome) at \(time($0.at))" } ?? "never"))
        }
        lines.append("interrupted ingest runs: \(status.interruptedRuns)")
        lines.append("schema: \(status.schema) (" + (status.mode.map { "\($0)-mode data" } ?? "mode not recorded yet") + ")")
        lines.append("fetch lag: " + (status.fetchLagSeconds.map(SyncStatus.duration) ?? "unknown (no fetch ingested yet)"))
        lines.append(status.problems.isEmpty ? "status: ok" : "status: \(status.problems.count) threshold(s) crossed")
        return lines.joined(separator: "\n")
    }

    /// `2026-01-31T08:00:00Z`.
    private static func time(_ seconds: Int) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
