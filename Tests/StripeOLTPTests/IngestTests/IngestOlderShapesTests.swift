import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Objects of older API versions and values Stripe added load whole; check warns of values outside
/// the documented ones and of invariant breaks the dumps themselves hold, and fails only on
/// differences (or under --strict).
@Suite("Ingest and check of older shapes and undocumented values", .needsDatabase)
struct IngestOlderShapesTests {
    /// A dump folder with every resource file: older shapes, an added enum value, an invoice whose
    /// subtotal is not the sum of its lines (as in Stripe's own examples).
    private func folder() throws -> URL {
        let dir = try TestEnvironment.temporaryDirectory()
        let files: [String: [String]] = [
            "products.json": [],
            "prices.json": [],
            "customers.json": [
                #"{"id":"cus_old","object":"customer","account_balance":-250,"created":1450000000,"email":""}"#,
            ],
            "payment_methods.json": [],
            "subscriptions.json": [
                #"{"id":"sub_old","object":"subscription","customer":"cus_old","status":"a_state_stripe_added","start":1450000000,"billing":"charge_automatically","items":{"object":"list","data":[]}}"#,
            ],
            "invoices.json": [
                #"{"id":"in_del","object":"invoice","status":"deleted","customer":"cus_old","date":1450000000,"subtotal":100,"amount_due":100,"amount_paid":0,"amount_remaining":100,"lines":{"object":"list","has_more":false,"data":[{"id":"sli_1","object":"line_item","type":"subscription","amount":90,"plan":"gold"}]}}"#,
            ],
            "payment_intents.json": [
                #"{"id":"pi_old","object":"payment_intent","status":"requires_source","customer":"","amount":100,"charges":{"object":"list","data":[]}}"#,
            ],
            "charges.json": [
                #"{"id":"ch_old","object":"charge","status":"succeeded","customer":"cus_old","invoice":"","amount":100,"amount_refunded":0,"refunded":false,"source":{"id":"card_1","object":"card","last4":"4242"}}"#,
            ],
        ]
        for (name, lines) in files {
            try IngestFixtures.ndjson(name, lines, in: dir)
        }
        return dir
    }

    @Test("nothing is rejected; aliased columns are filled; a deleted invoice is deleted, a placeholder is not")
    func loadsWhole() throws {
        let dir = try folder()
        try TestDatabase.with { db in
            let connection = try db.connect()
            let report = try Ingester(connection: connection).run(
                Ingester.inputs(directory: try DumpDirectory(path: dir.path)), source: dir.path)
            #expect(report.succeeded)
            #expect(report.resources.allSatisfy { $0.rejected == 0 })
            #expect(try connection.query("SELECT balance FROM stripe.customers WHERE id = 'cus_old'").scalar(Int.self) == -250)
            let sub = try #require(try connection.query(
                "SELECT status, collection_method, start_date IS NOT NULL AS started FROM stripe.subscriptions WHERE id = 'sub_old'").first)
            #expect(sub["status"] == "a_state_stripe_added")
            #expect(sub["collection_method"] == "charge_automatically")
            #expect(sub["started"] == "t")
            let invoice = try #require(try connection.query(
                "SELECT deleted, created IS NOT NULL AS dated FROM stripe.invoices WHERE id = 'in_del'").first)
            #expect(invoice["deleted"] == "t")
            #expect(invoice["dated"] == "t")
            #expect(try connection.query("SELECT price_id FROM stripe.invoice_line_items").scalar(String.self) == "gold")
            #expect(try connection.query("SELECT customer_id IS NULL FROM stripe.payment_intents").scalar(Bool.self) == true)
            #expect(try connection.query("SELECT payment_method_id FROM stripe.charges").scalar(String.self) == "card_1")
            let placeholders = try connection.query(
                "SELECT count(*) FILTER (WHERE deleted) AS deleted, count(*) AS total FROM stripe.prices WHERE is_placeholder").first
            #expect(placeholders?["total"] == "1")
            #expect(placeholders?["deleted"] == "0", "a plan referenced as a price is not deleted")
        }
    }

    @Test("check warns of undocumented values and Stripe-side invariant breaks, exits 0, and 1 under --strict")
    func warnings() throws {
        let dir = try folder()
        try TestDatabase.with { db in
            let ingest = try CLI.run(["ingest", "all", "--dir", dir.path, "--database-url", db.url])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let report = try IntegrityChecker(connection: try db.connect()).check(directory: try DumpDirectory(path: dir.path))
            #expect(report.passed)
            let warned = Set(report.warnings.map(\.kind))
            #expect(warned == [.vocabulary, .invariant])
            #expect(report.warnings.contains { $0.name.hasPrefix("subscriptions.status") && $0.violations.first == ["sub_old"] })
            #expect(!report.warnings.contains { $0.name.hasPrefix("payment_intents.status") }, "requires_source is documented")
            #expect(report.warnings.contains { $0.name.hasPrefix("invoice subtotal") && $0.violations.first == ["in_del"] })

            let plain = try CLI.run(["check", "--dir", dir.path, "--database-url", db.url])
            #expect(plain.status == 0, "\(plain.stdout)")
            #expect(plain.stdout.contains("warning: vocabulary subscriptions.status"))
            let strict = try CLI.run(["check", "--dir", dir.path, "--strict", "--database-url", db.url])
            #expect(strict.status == 1)
        }
    }

    @Test("ingest prints the first rejects with file, line, id, field and reason")
    func rejectsPrinted() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        let file = try IngestFixtures.ndjson("customers.json", [
            #"{"id":"cus_ok","object":"customer"}"#,
            #"{"id":"cus_bad","object":"customer","balance":"lots"}"#,
        ], in: dir)
        try TestDatabase.with { db in
            let result = try CLI.run(["ingest", "customers", "--file", file, "--database-url", db.url])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(file):2: cus_bad: "), "\(result.stderr)")
            #expect(result.stderr.contains("balance"))
            #expect(result.stderr.contains("expected an integer"))
        }
    }
}
