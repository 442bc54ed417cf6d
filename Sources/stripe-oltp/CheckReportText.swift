import Foundation
import StripeOLTP
import StripeSchema

/// The human-readable integrity report: a table per resource, then rules, then details.
enum CheckReportText {
    /// The report as text; tables are named in `schema`, the one checked.
    static func render(_ report: CheckReport, schema: SchemaName = .default) -> String {
        func mark(_ ok: Bool) -> String { ok ? "✓" : "✗" }
        let rows = report.resources.map { r in
            [r.resource.rawValue, String(r.dumpObjects), String(r.tableRows), String(r.placeholders),
             mark(r.countsMatch), mark(r.idsMatch), mark(r.contentMatches),
             ResourceSpec.of(r.resource).children.isEmpty ? "-" : mark(r.childrenMatch)]
        }
        var out = TextTable.render(
            headers: ["resource", "dump", "table", "placeholders", "counts", "ids", "content", "children"],
            rows: rows, rightAligned: [1, 2, 3])
        let failedRules = report.rules.filter { !$0.passed && !$0.kind.isWarning }
        let kinds: [(RuleCheck.Kind, String)] = [
            (.reference, "references"), (.placeholder, "placeholders"), (.invariant, "invariants"), (.vocabulary, "documented values"),
        ]
        out += "\n\n"
        out += kinds.map { kind, label in
            let rules = report.rules.filter { $0.kind == kind }
            let ok = rules.allSatisfy(\.passed)
            return "\(ok ? "✓" : kind.isWarning ? "!" : "✗") \(label) (\(rules.count) rules)"
        }.joined(separator: "\n")

        var details: [String] = []
        func list(_ what: String, _ sample: IDSample, _ resource: Resource) {
            guard !sample.isEmpty else { return }
            let more = sample.total > sample.first.count ? " … (\(sample.total) in all)" : ""
            details.append("\(resource.rawValue): \(sample.total) \(what): \(sample.first.joined(separator: ", "))\(more)")
        }
        for r in report.resources {
            if !r.countsMatch {
                details.append("\(r.resource.rawValue): \(r.dumpObjects) objects in \(r.file), \(r.tableRows) rows in \(schema.data).\(r.resource.rawValue)")
            }
            list("missing from the table", r.missing, r.resource)
            list("in the table but not in the dump", r.extra, r.resource)
            list("deleted in the dump but not in the table", r.notMarkedDeleted, r.resource)
            list("live in the dump but marked deleted in the table", r.liveMarkedDeleted, r.resource)
            list("still placeholders though the dump has them", r.placeholdersInDump, r.resource)
            list("with different content", r.contentDiffers, r.resource)
            for difference in r.differences {
                details.append("  \(difference.id) differs in: \(difference.fields.joined(separator: ", "))")
            }
            list("with different child rows", r.childrenDiffer, r.resource)
            list("deleted, with content other than the dump implies", r.deletedContentDiffers, r.resource)
        }
        for rule in failedRules {
            let more = rule.violations.total > rule.violations.first.count ? " … (\(rule.violations.total) in all)" : ""
            details.append("\(rule.kind.rawValue) \(rule.name): \(rule.violations.total) violation(s): \(rule.violations.first.joined(separator: ", "))\(more)")
        }
        var warnings: [String] = []
        for rule in report.warnings {
            let more = rule.violations.total > rule.violations.first.count ? " … (\(rule.violations.total) in all)" : ""
            warnings.append("warning: \(rule.kind.rawValue) \(rule.name): \(rule.violations.total) row(s): \(rule.violations.first.joined(separator: ", "))\(more)")
        }
        out += "\n\n"
        if !warnings.isEmpty {
            out += warnings.joined(separator: "\n")
            out += "\n(\(warnings.count) warning(s): breaks the dumps themselves contain, or values Stripe added; --strict makes them fail)\n\n"
        }
        if report.resources.contains(where: \.dumpIsPartial) {
            out += "incremental dump (manifest.json): only its objects are compared; rows it does not hold are not reported\n"
        }
        if details.isEmpty {
            let warned = warnings.isEmpty ? "" : ", with \(warnings.count) warning(s)"
            out += "check: the database matches the dumps\(warned) (\(String(format: "%.1f", report.seconds)) s)"
        } else {
            out += details.joined(separator: "\n") + "\n\ncheck: DIFFERENCES FOUND (\(String(format: "%.1f", report.seconds)) s)"
        }
        return out
    }
}
