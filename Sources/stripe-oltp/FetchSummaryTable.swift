import Foundation
import StripeOLTP

/// The human-readable summary of a fetch.
enum FetchSummaryTable {
    static func render(_ report: FetchReport, directory: String) -> String {
        let headers = ["resource", "objects", "from events", "deleted", "requests", "status"]
        let rows = report.manifest.resources.map { entry in
            [entry.resource.rawValue, String(entry.objects), String(entry.fromEvents), String(entry.deleted),
             String(entry.requests), entry.status.rawValue]
        }
        let totals = report.progress
        return TextTable.render(headers: headers, rows: rows, rightAligned: Set(1...4)) + "\n"
            + String(format: "%@ fetch into %@: %d objects, %d requests in %.1f s (%.1f requests/s, %d retried); %d events read",
                     report.manifest.mode, directory, totals.objects, totals.requests, totals.seconds,
                     totals.requestsPerSecond, totals.retries, report.manifest.events.read)
    }
}
