import StripeOLTP

/// The human-readable summary of a populate run: created, skipped and failed per resource.
enum PopulateSummaryTable {
    /// One row per resource and a total row.
    static func render(_ report: PopulateReport) -> String {
        var rows = PopulateResource.allCases.map { resource in
            let counts = report.counts(resource)
            return [resource.rawValue, String(counts.created), String(counts.skipped), String(counts.failed)]
        }
        let total = report.total
        rows.append(["total", String(total.created), String(total.skipped), String(total.failed)])
        return TextTable.render(headers: ["resource", "created", "skipped", "failed"], rows: rows, rightAligned: [1, 2, 3])
    }
}
