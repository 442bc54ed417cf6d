import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// The migrated schema and the catalog describe the same tables, so a resource is one declaration
/// plus one migration and nothing else can drift.
@Suite("Migrated schema against the catalog", .needsDatabase)
struct SchemaCatalogTests {
    /// Columns every resource table has besides the catalog's, filled by the loader itself.
    private static let loaderColumns: Set<String> = ["is_placeholder", "is_embedded", "ingested_at"]

    private func columns(_ table: String, on connection: PGConnection) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try connection.query("""
            SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'stripe' AND table_name = $1
            """, [table]).rows {
            result[row["column_name"]!] = row["data_type"]!
        }
        return result
    }

    private func expectMatches(table: String, catalog: [Column], written: [String], extra: Set<String>,
                               on connection: PGConnection) throws {
        let stored = try columns(table, on: connection)
        #expect(Set(stored.keys) == Set(written).union(extra), "columns of stripe.\(table)")
        for column in catalog {
            #expect(stored[column.name] == column.kind.sqlType, "type of stripe.\(table).\(column.name)")
        }
        for column in catalog {
            guard let target = column.referencedResource else { continue }
            let hasKey = try connection.query("""
                SELECT EXISTS (
                    SELECT 1 FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
                    WHERE k.contype = 'f' AND k.conrelid = $1::regclass AND a.attname = $2 AND k.confrelid = $3::regclass)
                """, ["stripe.\(table)", column.name, target.table]).scalar(Bool.self)
            #expect(hasKey == true, "foreign key stripe.\(table).\(column.name) → \(target.table)")
        }
    }

    @Test("every resource and child table has exactly the catalog's columns, types and foreign keys")
    func tablesMatchCatalog() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            for resource in Resource.allCases {
                let spec = ResourceSpec.of(resource)
                try expectMatches(table: resource.tableName, catalog: spec.columns, written: spec.copyColumns,
                                  extra: Self.loaderColumns, on: connection)
                for child in spec.children {
                    try expectMatches(table: child.tableName, catalog: child.columns, written: child.copyColumns,
                                      extra: [], on: connection)
                }
            }
            let tables = try connection.query("""
                SELECT count(*) FROM pg_class WHERE relnamespace = 'stripe'::regnamespace AND relkind = 'r'
                """).scalar(Int.self)
            let declared = Resource.allCases.reduce(0) { $0 + 1 + ResourceSpec.of($1).children.count }
            #expect(tables == declared, "every table in schema stripe is declared in the catalog")
        }
    }

    @Test("no CHECK constraint can throw away a value Stripe sends")
    func noValueChecks() throws {
        try TestDatabase.with { db in
            let checks = try db.connect().query("""
                SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND connamespace = 'stripe'::regnamespace
                """).scalar(Int.self)
            #expect(checks == 0)
        }
    }
}
