import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Expanded objects inside others fill their own table's rows when no dump holds them; a dump's
/// own copy always wins.
@Suite("Ingest harvests expanded objects", .needsDatabase)
struct IngestEmbeddedTests {
    private func row(_ connection: PGConnection, _ sql: String) throws -> PGRow {
        try #require(try connection.query(sql).first)
    }

    @Test("an expanded customer inside a charge fills the customer row; check knows it came from embedding")
    func expandedCustomer() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        for name in ["products", "prices", "customers", "payment_methods", "subscriptions", "invoices", "payment_intents"] {
            try IngestFixtures.ndjson("\(name).json", [], in: dir)
        }
        try IngestFixtures.ndjson("charges.json", [
            #"{"id":"ch_1","object":"charge","amount":100,"customer":{"id":"cus_E","object":"customer","email":"e@example.com","balance":7}}"#,
        ], in: dir)
        try TestDatabase.with { db in
            let connection = try db.connect()
            let report = try Ingester(connection: connection).run(
                Ingester.inputs(directory: try DumpDirectory(path: dir.path)), source: dir.path)
            #expect(report.succeeded)
            let customer = try row(connection, "SELECT email, balance, is_embedded, is_placeholder, deleted FROM stripe.customers WHERE id = 'cus_E'")
            #expect(customer["email"] == "e@example.com")
            #expect(customer["balance"] == "7")
            #expect(customer["is_embedded"] == "t")
            #expect(customer["is_placeholder"] == "f")
            #expect(customer["deleted"] == "f")
            #expect(report.resources.first { $0.resource == .customers }?.embedded == 1)

            let check = try IntegrityChecker(connection: try db.connect()).check(directory: try DumpDirectory(path: dir.path))
            #expect(check.passed, "an embedded row is not an extra row")
            #expect(check.resources.first { $0.resource == .customers }?.embedded == 1)

            // The dump's own copy, in a later run, replaces it.
            let customers = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_E","object":"customer","email":"own@example.com"}"#,
            ], in: dir)
            try IngestFixtures.load(.customers, customers, on: connection)
            let replaced = try row(connection, "SELECT email, is_embedded FROM stripe.customers WHERE id = 'cus_E'")
            #expect(replaced["email"] == "own@example.com")
            #expect(replaced["is_embedded"] == "f")
        }
    }

    @Test("a top-level copy in the same run wins over an embedded one; an embedded copy replaces a placeholder")
    func precedence() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let subs = try IngestFixtures.ndjson("subscriptions.json", [
                #"{"id":"sub_1","object":"subscription","customer":"cus_P","items":{"object":"list","data":[]}}"#,
            ])
            try IngestFixtures.load(.subscriptions, subs, on: connection)
            #expect(try row(connection, "SELECT is_placeholder FROM stripe.customers WHERE id = 'cus_P'")["is_placeholder"] == "t")

            let dir = try TestEnvironment.temporaryDirectory()
            let customers = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_T","object":"customer","email":"top@example.com"}"#,
            ], in: dir)
            let charges = try IngestFixtures.ndjson("charges.json", [
                #"{"id":"ch_1","object":"charge","customer":{"id":"cus_T","object":"customer","email":"embedded@example.com"}}"#,
                #"{"id":"ch_2","object":"charge","customer":{"id":"cus_P","object":"customer","email":"p@example.com"}}"#,
            ], in: dir)
            let report = try Ingester(connection: connection).run([(.customers, customers), (.charges, charges)], source: dir.path)
            #expect(report.succeeded)
            let top = try row(connection, "SELECT email, is_embedded FROM stripe.customers WHERE id = 'cus_T'")
            #expect(top["email"] == "top@example.com")
            #expect(top["is_embedded"] == "f")
            let former = try row(connection, "SELECT email, is_embedded, is_placeholder FROM stripe.customers WHERE id = 'cus_P'")
            #expect(former["email"] == "p@example.com")
            #expect(former["is_embedded"] == "t")
            #expect(former["is_placeholder"] == "f")
        }
    }

    @Test("a subscription's full latest_invoice fills the invoice and its lines; its references hold")
    func latestInvoice() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let subs = try IngestFixtures.ndjson("subscriptions.json", [
                #"""
                {"id":"sub_1","object":"subscription","customer":"cus_1","items":{"object":"list","data":[{"id":"si_1","object":"subscription_item","price":{"id":"price_1","object":"price","unit_amount":500,"product":"prod_1"}}]},
                 "latest_invoice":{"id":"in_1","object":"invoice","customer":"cus_1","subscription":"sub_1","amount_due":500,
                   "lines":{"object":"list","has_more":false,"data":[{"id":"il_1","object":"line_item","amount":500,"price":{"id":"price_1","object":"price"}}]}}}
                """#.replacingOccurrences(of: "\n", with: ""),
            ])
            let report = try Ingester(connection: connection).run([(.subscriptions, subs)], source: subs)
            #expect(report.succeeded)
            let invoice = try row(connection, "SELECT amount_due, is_embedded FROM stripe.invoices WHERE id = 'in_1'")
            #expect(invoice["amount_due"] == "500")
            #expect(invoice["is_embedded"] == "t")
            #expect(try connection.query("SELECT price_id FROM stripe.invoice_line_items WHERE invoice_id = 'in_1'").scalar(String.self) == "price_1")
            let price = try row(connection, "SELECT unit_amount, is_embedded FROM stripe.prices WHERE id = 'price_1'")
            #expect(price["unit_amount"] == "500")
            #expect(price["is_embedded"] == "t")
            #expect(try connection.query("SELECT is_placeholder FROM stripe.products WHERE id = 'prod_1'").scalar(Bool.self) == true,
                    "the embedded price's product gets a placeholder")
        }
    }
}
