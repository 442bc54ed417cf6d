import StripeOLTP

/// The human-readable summary of an ingest run. Outcomes read as in `--json` (`loaded`,
/// `missing`, `failed`); placeholders are split into those this run created and those the
/// tables hold when it ended (outstanding, whichever run created them).
enum IngestSummaryTable {
    static func render(_ report: IngestReport) -> String {
        let headers = ["resource", "read", "inserted", "updated", "unchanged", "deleted", "placeholders created",
                       "placeholders outstanding", "children", "rejected", "seconds", "outcome"]
        var rows: [[String]] = []
        for s in report.resources {
            rows.append([
                s.resource.rawValue, String(s.read), String(s.inserted), String(s.updated), String(s.unchanged),
                String(s.deleted), String(s.placeholdersCreated), String(s.placeholders), String(s.childRows),
                String(s.rejected), String(format: "%.2f", s.seconds), s.outcome.rawValue,
            ])
        }
        let total = report.resources.reduce(into: (read: 0, ins: 0, upd: 0, unch: 0, del: 0, new: 0, ph: 0, ch: 0, rej: 0)) {
            $0.read += $1.read; $0.ins += $1.inserted; $0.upd += $1.updated; $0.unch += $1.unchanged
            $0.del += $1.deleted; $0.new += $1.placeholdersCreated; $0.ph += $1.placeholders
            $0.ch += $1.childRows; $0.rej += $1.rejected
        }
        rows.append([
            "total", String(total.read), String(total.ins), String(total.upd), String(total.unch), String(total.del),
            String(total.new), String(total.ph), String(total.ch), String(total.rej), String(format: "%.2f", report.seconds),
            report.outcome,
        ])
        return TextTable.render(headers: headers, rows: rows, rightAligned: Set(1...10))
            + (report.dryRun ? "\n" + dryRunLine(report) : "\ningest run \(report.runID): \(report.outcome)")
    }

    /// The closing line of a dry run: it says plainly that nothing was written.
    static func dryRunLine(_ report: IngestReport) -> String {
        "dry run (\(report.outcome)): nothing was written, the run was rolled back; the counts above are what it would have done"
    }
}
