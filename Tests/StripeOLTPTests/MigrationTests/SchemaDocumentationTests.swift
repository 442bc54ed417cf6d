import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

@Suite("the database documents itself: comments from the catalog, currencies and stripe.to_major", .needsDatabase)
struct SchemaDocumentationTests {
    @Test("migrate up comments every table and every catalog column")
    func everyColumnCommented() throws {
        try TestDatabase.with(migrated: false) { db in
            let result = try CLI.run(["migrate", "up", "--database-url", db.url])
            #expect(result.status == 0, "\(result.stderr)")
            let connection = try db.connect()
            let missing = try connection.query("""
                SELECT c.relname || '.' || a.attname AS name
                FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE c.relnamespace = 'stripe'::regnamespace AND c.relkind = 'r' AND col_description(c.oid, a.attnum) IS NULL
                ORDER BY 1
                """).rows.compactMap { $0["name"] }
            #expect(missing.isEmpty, "columns without a comment: \(missing)")
            let tablesWithout = try connection.query("""
                SELECT relname FROM pg_class WHERE relnamespace = 'stripe'::regnamespace AND relkind = 'r'
                AND obj_description(oid, 'pg_class') IS NULL
                """).rows.compactMap { $0["relname"] }
            #expect(tablesWithout.isEmpty, "\(tablesWithout)")
            let customer = try connection.query(
                "SELECT col_description('stripe.invoices'::regclass, attnum) FROM pg_attribute WHERE attrelid = 'stripe.invoices'::regclass AND attname = 'customer_id'"
            ).scalar(String.self) ?? ""
            #expect(customer.contains("`customer`") && customer.contains("stripe.customers"))
            let amount = try connection.query(
                "SELECT col_description('stripe.invoices'::regclass, attnum) FROM pg_attribute WHERE attrelid = 'stripe.invoices'::regclass AND attname = 'amount_due'"
            ).scalar(String.self) ?? ""
            #expect(amount.contains("stripe.to_major(amount_due, currency)"))
        }
    }

    @Test("to_major divides by the currency's exponent: two, zero and three decimals, and unknown currencies as two")
    func toMajor() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let row = try #require(try connection.query("""
                SELECT stripe.to_major(1234, 'usd')::text AS usd, stripe.to_major(500, 'JPY')::text AS jpy,
                       stripe.to_major(50000, 'krw')::text AS krw, stripe.to_major(1500, 'kwd')::text AS kwd,
                       stripe.to_major(99, 'xts')::text AS unknown, stripe.to_major(NULL, 'usd') IS NULL AS null_in
                """).rows.first)
            #expect(row["usd"] == "12.34")
            #expect(row["jpy"] == "500")
            #expect(row["krw"] == "50000")
            #expect(row["kwd"] == "1.500")
            #expect(row["unknown"] == "0.99")
            #expect(row["null_in"] == "t")
        }
    }
}
