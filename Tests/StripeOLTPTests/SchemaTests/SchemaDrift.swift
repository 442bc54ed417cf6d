import Postgres
import StripeOLTP
import StripeSchema

/// Where a migrated schema departs from the catalog's declarations, one sentence per finding
/// naming the table and column (empty when they agree).
enum SchemaDrift {
    /// One reference of the catalog: `stripe.table.column` → `target`, declared by `owner`.
    struct Reference {
        let table: String
        let column: String
        let target: Resource
        let owner: Resource
    }

    /// Every reference the catalog declares: resource and child columns, and each child's parent.
    static var references: [Reference] {
        Resource.allCases.flatMap { resource -> [Reference] in
            let spec = ResourceSpec.of(resource)
            let own = spec.columns.compactMap { column in
                column.referencedResource.map { Reference(table: resource.tableName, column: column.name, target: $0, owner: resource) }
            }
            let children = spec.children.flatMap { child in
                [Reference(table: child.tableName, column: child.parentColumn, target: resource, owner: resource)]
                    + child.columns.compactMap { column in
                        column.referencedResource.map { Reference(table: child.tableName, column: column.name, target: $0, owner: resource) }
                    }
            }
            return own + children
        }
    }

    /// References without a foreign key to their target, whose key is not DEFERRABLE, or whose
    /// column leads no (full) index.
    static func referenceProblems(on connection: PGConnection) throws -> [String] {
        var problems: [String] = []
        for reference in references {
            let name = "stripe.\(reference.table).\(reference.column)"
            let key = try connection.query("""
                SELECT k.condeferrable::text AS deferrable FROM pg_constraint k
                JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
                WHERE k.contype = 'f' AND k.conrelid = $1::regclass AND a.attname = $2 AND k.confrelid = $3::regclass
                """, ["stripe.\(reference.table)", reference.column, reference.target.table]).rows.first
            if key == nil { problems.append("\(name) has no foreign key to \(reference.target.table)") }
            if let key, key["deferrable"] != "true" { problems.append("\(name)'s foreign key is not DEFERRABLE") }
            let indexed = try connection.query("""
                SELECT EXISTS (
                    SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                    WHERE i.indrelid = $1::regclass AND a.attname = $2 AND i.indpred IS NULL)
                """, ["stripe.\(reference.table)", reference.column]).scalar(Bool.self)
            if indexed != true { problems.append("no index leads with \(name)") }
        }
        return problems
    }

    /// Foreign keys in schema `stripe` that are not DEFERRABLE, declared or not.
    static func nonDeferrableKeys(on connection: PGConnection) throws -> [String] {
        try connection.query("""
            SELECT 'stripe.' || c.relname || ' ' || k.conname AS key FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE k.contype = 'f' AND k.connamespace = 'stripe'::regnamespace AND NOT k.condeferrable ORDER BY 1
            """).rows.map { "\($0["key"]!) is not DEFERRABLE" }
    }

    /// `raw` and `metadata` columns not compressed with lz4; nil when the server has no lz4
    /// (migration 0003 then leaves the default).
    static func compressionProblems(on connection: PGConnection) throws -> [String]? {
        guard (try? connection.query("SET default_toast_compression = lz4")) != nil else { return nil }
        try connection.query("RESET default_toast_compression")
        return try connection.query("""
            SELECT c.relname || '.' || a.attname AS col FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relnamespace = 'stripe'::regnamespace AND c.relkind = 'r' AND a.attname IN ('raw', 'metadata')
              AND a.attcompression IS DISTINCT FROM 'l'
            ORDER BY 1
            """).rows.map { "stripe.\($0["col"]!) is not compressed with lz4" }
    }

    /// References to a resource that does not load before their own (a forward reference, or a
    /// cycle) whose foreign key is not INITIALLY DEFERRED: the load order is valid when the
    /// references left after removing the deferred ones all point to earlier resources.
    static func loadOrderProblems(on connection: PGConnection) throws -> [String] {
        var problems: [String] = []
        for reference in references where reference.target > reference.owner {
            let deferred = try connection.query("""
                SELECT bool_and(k.condeferred) FROM pg_constraint k
                JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
                WHERE k.contype = 'f' AND k.conrelid = $1::regclass AND a.attname = $2
                """, ["stripe.\(reference.table)", reference.column]).scalar(Bool.self)
            if deferred != true {
                problems.append("stripe.\(reference.table).\(reference.column) → \(reference.target.table) points forward "
                    + "in load order (\(reference.owner.rawValue) loads first) but its key is not INITIALLY DEFERRED")
            }
        }
        return problems
    }
}
