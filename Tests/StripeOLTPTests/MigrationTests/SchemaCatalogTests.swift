import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

@Suite("The migrated schema matches the resource catalog")
struct SchemaCatalogTests {
    /// The columns of `stripe.<table>`.
    private func columns(_ connection: PGConnection, _ table: String) throws -> Set<String> {
        Set(try connection.query("""
            SELECT column_name FROM information_schema.columns WHERE table_schema = 'stripe' AND table_name = $1
            """, [table]).rows.compactMap { $0["column_name"] })
    }

    /// The table each single-column foreign key of `stripe.<table>` points at, by column.
    private func foreignKeys(_ connection: PGConnection, _ table: String) throws -> [String: String] {
        var keys: [String: String] = [:]
        for row in try connection.query("""
            SELECT a.attname AS col, n.nspname || '.' || t.relname AS target
            FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_class t ON t.oid = c.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE c.contype = 'f' AND c.conrelid = ('stripe.' || $1)::regclass AND cardinality(c.conkey) = 1
            """, [table]).rows {
            keys[row["col"]!] = row["target"]!
        }
        return keys
    }

    @Test("every resource and child table has exactly the catalog's columns and a foreign key per reference")
    func tablesMatchCatalog() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            var expectedTables: Set<String> = []
            for resource in Resource.allCases {
                let spec = ResourceSpec.of(resource)
                expectedTables.insert(resource.tableName)
                let expected = Set(spec.copyColumns + ["is_placeholder", "ingested_at"])
                let actual = try columns(connection, resource.tableName)
                #expect(actual == expected, """
                    \(resource.table): missing \(expected.subtracting(actual).sorted()), not in the catalog \(actual.subtracting(expected).sorted())
                    """)
                let keys = try foreignKeys(connection, resource.tableName)
                for column in spec.columns {
                    if let target = column.referencedResource {
                        #expect(keys[column.name] == target.table, "\(resource.table).\(column.name) → \(target.table)")
                    } else {
                        #expect(keys[column.name] == nil, "\(resource.table).\(column.name) has a foreign key the catalog lacks")
                    }
                }
                for child in spec.children {
                    expectedTables.insert(child.tableName)
                    let childExpected = Set(child.copyColumns)
                    let childActual = try columns(connection, child.tableName)
                    #expect(childActual == childExpected, "\(child.table): \(childActual.symmetricDifference(childExpected).sorted())")
                    let childKeys = try foreignKeys(connection, child.tableName)
                    #expect(childKeys[child.parentColumn] == resource.table)
                    for column in child.columns {
                        #expect(childKeys[column.name] == column.referencedResource?.table, "\(child.table).\(column.name)")
                    }
                }
            }
            let tables = Set(try connection.query("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = 'stripe'
                """).rows.compactMap { $0["table_name"] })
            #expect(tables == expectedTables)
        }
    }

    @Test("every fill names columns the migrated tables have")
    func fillsMatchSchema() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            for resource in Resource.allCases {
                for fill in ResourceSpec.of(resource).fills {
                    let source = try columns(connection, resource.tableName)
                    #expect(source.isSuperset(of: [fill.via, fill.value, fill.qualifyingColumn, fill.preferredFlag, "created"]))
                    #expect(try columns(connection, fill.target.tableName).contains(fill.column))
                }
            }
        }
    }
}
