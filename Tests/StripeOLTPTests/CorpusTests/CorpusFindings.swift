import Foundation
import Postgres
import StripeOLTP
import StripeSchema

/// What loading one corpus era into a fresh database lost: rejected objects, aliased columns left
/// NULL although the object holds the value, and what `check` reports.
struct CorpusFindings {
    /// `file:line id: reason` for each rejected object.
    var rejects: [String] = []
    /// `column ← field (id)` for each aliased column left NULL.
    var emptyColumns: [String] = []
    /// Resource-level differences and broken reference/placeholder rules.
    var differences: [String] = []
    /// Broken invariant rules (amounts, periods): Stripe's own data may break them, so they are
    /// listed but not failures.
    var invariantWarnings: [String] = []

    /// Ingests `era` into the database behind `connection`, checks it, and collects the findings.
    static func load(_ era: CorpusEra, connection: PGConnection) throws -> CorpusFindings {
        var findings = CorpusFindings()
        let directory = try DumpDirectory(path: era.path)
        let ingest = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: era.name)
        findings.rejects = try rejects(run: ingest.runID, on: connection)
        for summary in ingest.resources where summary.error != nil {
            findings.differences.append("ingest of \(summary.resource.rawValue) failed: \(summary.error ?? "")")
        }
        findings.emptyColumns = try emptyColumns(era, on: connection)
        let report = try IntegrityChecker(connection: connection).check(directory: directory, helper: nil)
        findings.differences += differences(report)
        findings.differences += try emptyIDRows(on: connection)
        findings.invariantWarnings = report.rules.filter { $0.kind == .invariant && !$0.passed }
            .map { "\($0.name): \($0.violations.total) (\($0.violations.first.joined(separator: ", ")))" }
        return findings
    }

    private static func rejects(run: Int64, on connection: PGConnection) throws -> [String] {
        try connection.query("""
            SELECT file, line, object_id, reason FROM stripe_oltp.ingest_rejects WHERE run_id = $1 ORDER BY id
            """, [run]).rows.map { row in
            let file = (row["file"] ?? "?").split(separator: "/").suffix(2).joined(separator: "/")
            return "\(file):\(row["line"] ?? "?") \(row["object_id"] ?? "no id"): \(row["reason"] ?? "")"
        }
    }

    private static func emptyColumns(_ era: CorpusEra, on connection: PGConnection) throws -> [String] {
        var empty: [String] = []
        for alias in AliasedColumn.all {
            for object in try era.liveObjects(alias.resource) {
                guard let id = object["id"] as? String else { continue }
                switch alias.table {
                case .resource:
                    guard let field = alias.heldBy(object) else { continue }
                    if try isNull(alias.column, in: alias.resource.table, where: ["id": id], on: connection) {
                        empty.append("\(alias) ← \(field) (\(id))")
                    }
                case .child(let table, let parentColumn, let listPath):
                    let children = JSONFieldPath(listPath).value(in: object) as? [[String: Any]] ?? []
                    for child in children {
                        guard let field = alias.heldBy(child), let childID = child["id"] as? String else { continue }
                        if try isNull(alias.column, in: "stripe.\(table)", where: [parentColumn: id, "id": childID], on: connection) {
                            empty.append("\(alias) ← \(field) (\(id) / \(childID))")
                        }
                    }
                }
            }
        }
        return empty
    }

    /// True when the row exists and `column` is NULL in it; a missing row is a reject or a check
    /// difference, reported there.
    private static func isNull(_ column: String, in table: String, where keys: [String: String],
                               on connection: PGConnection) throws -> Bool {
        let names = keys.keys.sorted()
        let condition = names.enumerated().map { "\($0.element) = $\($0.offset + 1)" }.joined(separator: " AND ")
        let result = try connection.query(
            "SELECT (\(column) IS NULL)::text AS empty FROM \(table) WHERE \(condition)", names.map { keys[$0]! })
        return result.first?["empty"] == "true"
    }

    /// Rows whose id is the empty string: an empty reference (`"customer": ""`) is no reference
    /// and must not become a placeholder.
    private static func emptyIDRows(on connection: PGConnection) throws -> [String] {
        try Resource.allCases.compactMap { resource in
            let count = try connection.query("SELECT count(*) FROM \(resource.table) WHERE id = ''").scalar(Int64.self) ?? 0
            return count == 0 ? nil : "\(resource.tableName) has a row with the empty id (an empty reference made a placeholder)"
        }
    }

    private static func differences(_ report: CheckReport) -> [String] {
        var found: [String] = []
        for resource in report.resources where !resource.passed {
            let name = resource.resource.rawValue
            let samples: [(String, IDSample)] = [
                ("missing", resource.missing), ("extra", resource.extra), ("not marked deleted", resource.notMarkedDeleted),
                ("content differs", resource.contentDiffers), ("children differ", resource.childrenDiffer),
                ("placeholder for a dumped object", resource.placeholdersInDump),
            ]
            for (what, sample) in samples where !sample.isEmpty {
                found.append("\(name) \(what): \(sample.first.joined(separator: ", "))")
            }
            for difference in resource.differences {
                found.append("\(name) \(difference.id) differs in \(difference.fields.joined(separator: ", "))")
            }
            if !resource.countsMatch {
                found.append("\(name) counts: \(resource.dumpObjects) in the dump, \(resource.tableRows) rows")
            }
        }
        // Warnings (invariant breaks and undocumented values) can come from Stripe's own data.
        for rule in report.rules where !rule.kind.isWarning && !rule.passed {
            found.append("\(rule.name): \(rule.violations.first.joined(separator: ", "))")
        }
        return found
    }
}
