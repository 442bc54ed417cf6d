import StripeOLTP

/// The human-readable summary of a populate run: created, skipped and failed per resource; a
/// dry run's shows "would create" (planned) in place of created.
enum PopulateSummaryTable {
    /// One row per resource and a total row.
    static func render(_ report: PopulateReport) -> String {
        var rows = PopulateResource.allCases.map { resource in
            cells(resource.rawValue, report.counts(resource), dryRun: report.dryRun)
        }
        rows.append(cells("total", report.total, dryRun: report.dryRun))
        let first = report.dryRun ? "would create" : "created"
        return TextTable.render(headers: ["resource", first, "skipped", "failed"], rows: rows, rightAligned: [1, 2, 3])
    }

    /// One row: the name, then created (planned in a dry run), skipped and failed.
    private static func cells(_ name: String, _ counts: PopulateCounts, dryRun: Bool) -> [String] {
        [name, String(dryRun ? counts.planned : counts.created), String(counts.skipped), String(counts.failed)]
    }
}
