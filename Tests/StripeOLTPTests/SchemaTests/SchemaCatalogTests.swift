import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

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

    @Test("declared references are indexed, DEFERRABLE foreign keys; child tables reference their parent")
    func referencesAreKeys() throws {
        try TestDatabase.with { db in
            let problems = try SchemaDrift.referenceProblems(on: try db.connect())
            #expect(problems == [])
        }
    }

    @Test("every foreign key in schema stripe is DEFERRABLE, so a load can add placeholders before commit")
    func everyKeyDeferrable() throws {
        try TestDatabase.with { db in
            let problems = try SchemaDrift.nonDeferrableKeys(on: try db.connect())
            #expect(problems == [])
        }
    }

    @Test("raw and metadata are compressed with lz4 where the server has lz4")
    func lz4Compression() throws {
        try TestDatabase.with { db in
            let problems = try SchemaDrift.compressionProblems(on: try db.connect())
            #expect(problems == nil || problems == [])
        }
    }

    @Test("the resources' order is a valid load order: every reference to a later resource is INITIALLY DEFERRED")
    func loadOrder() throws {
        try TestDatabase.with { db in
            let problems = try SchemaDrift.loadOrderProblems(on: try db.connect())
            #expect(problems == [])
        }
    }

    @Test("a migration that drifts from the catalog is named: a lost index, key, deferral or lz4")
    func driftIsFound() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            func key(_ table: String, _ column: String) throws -> String {
                try #require(try connection.query("""
                    SELECT k.conname::text FROM pg_constraint k
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
                    WHERE k.contype = 'f' AND k.conrelid = $1::regclass AND a.attname = $2
                    """, ["stripe.\(table)", column]).scalar(String.self))
            }
            let lineParent = try key("invoice_line_items", "invoice_id")
            let chargeCustomer = try key("charges", "customer_id")
            let productPrice = try key("products", "default_price_id")
            try connection.query("DROP INDEX stripe.prices_product_id_idx")
            try connection.query("ALTER TABLE stripe.invoice_line_items DROP CONSTRAINT \(lineParent)")
            try connection.query("ALTER TABLE stripe.charges ALTER CONSTRAINT \(chargeCustomer) NOT DEFERRABLE")
            try connection.query("ALTER TABLE stripe.products ALTER CONSTRAINT \(productPrice) DEFERRABLE INITIALLY IMMEDIATE")
            try connection.query("ALTER TABLE stripe.customers ALTER COLUMN raw SET COMPRESSION pglz")

            let references = try SchemaDrift.referenceProblems(on: connection)
            #expect(references.contains("no index leads with stripe.prices.product_id"))
            #expect(references.contains("stripe.invoice_line_items.invoice_id has no foreign key to stripe.invoices"))
            #expect(references.contains("stripe.charges.customer_id's foreign key is not DEFERRABLE"))
            #expect(try SchemaDrift.nonDeferrableKeys(on: connection) == ["stripe.charges \(chargeCustomer) is not DEFERRABLE"])
            let order = try SchemaDrift.loadOrderProblems(on: connection)
            #expect(order.count == 1 && order.first?.hasPrefix("stripe.products.default_price_id → stripe.prices") == true, "\(order)")
            if let compression = try SchemaDrift.compressionProblems(on: connection) {
                #expect(compression == ["stripe.customers.raw is not compressed with lz4"])
            }
        }
    }
}
