import Postgres
import StripeSchema

/// `COMMENT ON` every table and column of schema `stripe`, generated from the resource catalog
/// so the comments cannot drift from what the loader writes: `\d+ stripe.invoices` then says
/// which Stripe field each column holds, its unit and what it references. Applied after every
/// migration run (`migrate up`, `migrate reset`); only tables and columns that exist are touched.
public enum SchemaDocumentation {
    /// Comments on the columns every resource table has, filled by the loader itself.
    static let loaderColumns: [String: String] = [
        "id": "The Stripe object id.",
        "raw": "The whole Stripe object as fetched (jsonb), so nothing is lost; typed columns are read from it.",
        "content_hash": "SHA-256 of the object's bytes as dumped; an unchanged object is not rewritten.",
        "deleted": "True when Stripe says the object is deleted: a deletion marker or event, a deleted state (an invoice's status deleted), or a customer absent from a complete listing; the row is kept.",
        "is_placeholder": "True for a row standing in for an object referenced but in no dump (not deleted: nothing says so); replaced when the object arrives.",
        "is_embedded": "True for a row filled from an expanded object inside another (no dump held the object itself); a dump's own copy replaces it.",
        "ingested_at": "When the row was last written by an ingest.",
        "position": "The row's place in its parent's list (0-based).",
    ]

    /// The comment of `table` (`stripe.<name>`) and of each of its columns.
    public static func comments() -> [(table: String, tableComment: String, columns: [String: String])] {
        var result: [(table: String, tableComment: String, columns: [String: String])] = []
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            var columns = loaderColumns
            columns["position"] = nil
            for column in spec.columns { columns[column.name] = describe(column, object: resource.rawValue) }
            for entry in ResourceSpec.fills(into: resource) {
                let fill = entry.fill
                columns[fill.column, default: ""] += " Where the object names none, filled from \(entry.source.table).\(fill.value):"
                    + " its \(fill.qualifyingColumn) \(fill.qualifyingValue) row with \(fill.preferredFlag), else the oldest such row."
            }
            result.append((resource.table, "Stripe \(resource.rawValue): one row per object id; typed columns from the object, the whole object in raw.", columns))
            for child in spec.children {
                var childColumns = ["id": "The id of the list entry.", "position": loaderColumns["position"]!,
                                    child.parentColumn: "The id of the \(resource.table) row this entry belongs to."]
                for column in child.columns { childColumns[column.name] = describe(column, object: child.listPath.description) }
                let origin = child.isIncludableOnly
                    ? "the complete list, which Stripe returns only on request: fetch pages \(child.endpoint) and embeds it"
                    : "the complete list, paged in when Stripe embeds only the first page"
                result.append((child.table, "Entries of \(resource.table).\(child.listPath.description) (\(origin)).", childColumns))
            }
        }
        return result
    }

    /// What one catalog column holds: its Stripe field, its type's reading and its reference.
    static func describe(_ column: Column, object: String) -> String {
        let fields = column.paths.map { "`\($0.description)`" }.joined(separator: ", else ")
        var text = "Stripe field \(fields) of the \(object) object"
        switch column.kind {
        case .timestamp:
            text += "; Unix seconds in Stripe, stored as timestamptz"
        case .integer where ["amount", "subtotal", "total", "unit_amount", "balance"].contains(where: { column.name.hasPrefix($0) }):
            text += "; in the currency's minor units (cents), as Stripe sends it: stripe.to_major(\(column.name), currency) gives major units"
        case .reference(let target?):
            text += "; the id of a \(target.table) row (a placeholder row when no dump held that object)"
        case .reference(nil):
            text += "; the id of a Stripe object this database has no table for"
        case .text(let allowed?):
            text += "; one of " + allowed.sorted().joined(separator: ", ")
        case .json:
            text += ", as jsonb"
        default:
            break
        }
        if let polymorphic = column.polymorphic {
            text += polymorphic.only.map { "; filled only when that object is a \($0)" }
                ?? "; the type of that object (its `object`, else the one its id prefix stands for)"
        }
        return text + "."
    }

    /// Writes the comments for the tables and columns that exist; returns how many were written.
    @discardableResult
    public static func apply(connection: PGConnection) throws -> Int {
        let existing = Set(try connection.query("""
            SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = 'stripe'
            """).rows.compactMap { $0["name"] })
        var statements: [String] = []
        for entry in comments() {
            let bare = String(entry.table.dropFirst("stripe.".count))
            guard existing.contains(where: { $0.hasPrefix(bare + ".") }) else { continue }
            statements.append("COMMENT ON TABLE \(entry.table) IS \(literal(entry.tableComment));")
            for (column, comment) in entry.columns.sorted(by: { $0.key < $1.key }) where existing.contains("\(bare).\(column)") {
                statements.append("COMMENT ON COLUMN \(entry.table).\(quoteIdentifier(column)) IS \(literal(comment));")
            }
        }
        guard !statements.isEmpty else { return 0 }
        try connection.execute(script: "BEGIN;\n" + statements.joined(separator: "\n") + "\nCOMMIT;")
        return statements.count
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
