import Foundation
import Postgres
import PureTestSupport
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Credit notes and checkout sessions in a database: placeholders, foreign keys, harvested
/// prices, and the check's completeness and total rules.
@Suite("Credit notes and checkout sessions: ingest and check", .needsDatabase)
struct SalesCheckTests {
    /// A copy of the sample dumps plus `credit_notes.json` (fixtures3's credit note, and one whose
    /// lines say has_more) and `checkout_sessions.json` (fixtures3's session with its line item
    /// expanded, and one without line items).
    static func dumps() throws -> String {
        let folder = try TestEnvironment.temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: IngestFixtures.sampleDirectory) {
            try FileManager.default.copyItem(atPath: IngestFixtures.sampleDirectory + "/" + name,
                                             toPath: folder.appendingPathComponent(name).path)
        }
        let note = SalesShapes.object("credit_note").serialized()
        let partial = #"{"id":"cn_partial","object":"credit_note","invoice":"in_1LFBNC9BfFgWclysYwZ2ATlN","total":100,"#
            + #""lines":{"object":"list","data":[{"id":"cnli_p1","object":"credit_note_line_item","amount":100}],"has_more":true}}"#
        try (note + "\n" + partial + "\n").write(to: folder.appendingPathComponent("credit_notes.json"), atomically: true, encoding: .utf8)
        let withItems = SalesShapes.session(withItems: [SalesShapes.object("item")]).serialized()
        let bare = #"{"id":"cs_bare","object":"checkout.session","mode":"payment","status":"open","customer":"cus_7qfUrES6M9pNaE"}"#
        try (withItems + "\n" + bare + "\n").write(to: folder.appendingPathComponent("checkout_sessions.json"), atomically: true, encoding: .utf8)
        return folder.path
    }

    static func rule(_ report: CheckReport, _ name: String) throws -> RuleCheck {
        try #require(report.rules.first { $0.name == name }, "no rule named \(name)")
    }

    static var linesRule: String { IntegrityChecker.childCompletenessRule(ResourceSpec.of(.creditNotes).children[0]) }
    static var itemsRule: String { IntegrityChecker.childCompletenessRule(ResourceSpec.of(.checkoutSessions).children[0]) }

    @Test("ingest: children stored, missing invoice and customer become placeholders, the line item's price is harvested")
    func ingest() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: try Self.dumps())
            #expect(try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sales").succeeded)
            #expect(try connection.query("SELECT count(*) FROM stripe.credit_notes").scalar(Int.self) == 2)
            #expect(try connection.query("SELECT count(*) FROM stripe.credit_note_lines WHERE credit_note_id = 'cn_1Pgc75B7WZ01zgkWJMPt5riP'").scalar(Int.self) == 2)
            let invoice = try connection.query("SELECT is_placeholder FROM stripe.invoices WHERE id = 'in_1Pgc75B7WZ01zgkWYv4iMwt7'").first
            #expect(try invoice?.decode("is_placeholder", as: Bool.self) == true)
            let customer = try connection.query("SELECT is_placeholder FROM stripe.customers WHERE id = 'cus_QXg1o8vcGmoR32'").first
            #expect(try customer?.decode("is_placeholder", as: Bool.self) == true)
            let item = try connection.query("SELECT price_id FROM stripe.checkout_session_line_items WHERE id = 'li_1Pgc73B7WZ01zgkWx8kcmZPK'").first
            #expect(item?["price_id"] == "price_1PgafmB7WZ01zgkW02Hf9z6c")
            let price = try connection.query("SELECT is_embedded, product_id FROM stripe.prices WHERE id = 'price_1PgafmB7WZ01zgkW02Hf9z6c'").first
            #expect(try price?.decode("is_embedded", as: Bool.self) == true)
            #expect(price?["product_id"] == "prod_QXg1hqf4jFNsqG")
            let session = try connection.query("SELECT payment_intent_id, customer_email FROM stripe.checkout_sessions WHERE id LIKE 'cs_test_%'").first
            #expect(session?["payment_intent_id"] == "pi_1PgafyB7WZ01zgkWSjxsAJo3")
            #expect(session?["customer_email"] == "example@example.com")
        }
    }

    @Test("foreign keys hold: a line without its credit note, an item without its session, a session's unknown customer")
    func foreignKeys() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let refused = [
                "INSERT INTO stripe.credit_note_lines (credit_note_id, id, position) VALUES ('cn_none', 'cnli_x', 0)",
                "INSERT INTO stripe.checkout_session_line_items (checkout_session_id, id, position) VALUES ('cs_none', 'li_x', 0)",
                "INSERT INTO stripe.checkout_sessions (id, customer_id, raw) VALUES ('cs_x', 'cus_none', '{}')",
                "INSERT INTO stripe.credit_notes (id, invoice_id, raw) VALUES ('cn_x', 'in_none', '{}')",
            ]
            for statement in refused {
                #expect(throws: (any Error).self, "\(statement)") { try connection.execute(script: statement) }
            }
            #expect(try connection.query("SELECT count(*) FROM stripe.credit_notes").scalar(Int.self) == 0)
        }
    }

    @Test("check: the credit note total rule holds for fixtures3's credit note and fires on a crafted total")
    func creditNoteTotal() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: try Self.dumps())
            #expect(try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sales").succeeded)
            let before = try IntegrityChecker(connection: connection).check(directory: directory)
            #expect(try Self.rule(before, IntegrityChecker.creditNoteTotalRule).passed)
            #expect(before.passed, "\(before.rules.filter { !$0.passed && !$0.kind.isWarning })")
            #expect(try connection.query(
                "UPDATE stripe.credit_notes SET total = total + 1 WHERE id = 'cn_1Pgc75B7WZ01zgkWJMPt5riP'").affectedRows == 1)
            let after = try IntegrityChecker(connection: connection).check(directory: directory)
            let broken = try Self.rule(after, IntegrityChecker.creditNoteTotalRule)
            #expect(broken.violations.first == ["cn_1Pgc75B7WZ01zgkWJMPt5riP"])
            #expect(after.warnings.contains { $0.name == IntegrityChecker.creditNoteTotalRule })
            #expect(!after.passed(strict: true))
        }
    }

    @Test("check: exclusive taxes, shipping and discounts enter the documented total")
    func creditNoteAdjustments() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let folder = try TestEnvironment.temporaryDirectory().path
            // lines 1000 − discount 100 + shipping 50 + exclusive tax 190 (the inclusive 7 does not count) = 1140
            let basil = #"{"id":"cn_tax","object":"credit_note","total":1140,"discount_amount":100,"amount_shipping":50,"#
                + #""total_taxes":[{"amount":190,"tax_behavior":"exclusive"},{"amount":7,"tax_behavior":"inclusive"}],"#
                + #""lines":{"data":[{"id":"cnli_t1","amount":600},{"id":"cnli_t2","amount":400}],"has_more":false}}"#
            // before basil: tax_amounts with inclusive false
            let older = #"{"id":"cn_old_tax","object":"credit_note","total":1190,"#
                + #""tax_amounts":[{"amount":190,"inclusive":false}],"lines":{"data":[{"id":"cnli_o1","amount":1000}],"has_more":false}}"#
            let wrong = #"{"id":"cn_wrong","object":"credit_note","total":999,"lines":{"data":[{"id":"cnli_w1","amount":1000}],"has_more":false}}"#
            let file = try IngestFixtures.ndjson("credit_notes.json", [basil, older, wrong], in: URL(fileURLWithPath: folder))
            _ = try IngestFixtures.load(.creditNotes, file, on: connection)
            let sql = "WITH found AS (\(IntegrityChecker.creditNoteTotalSQL)) SELECT string_agg(id, ',' ORDER BY id) FROM found"
            #expect(try connection.query(sql).scalar(String.self) == "cn_wrong")
        }
    }

    @Test("check: a credit note whose lines say has_more and a session without line items are named as incomplete")
    func childrenComplete() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: try Self.dumps())
            #expect(try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sales").succeeded)
            let report = try IntegrityChecker(connection: connection).check(directory: directory)
            #expect(try Self.rule(report, Self.linesRule).violations.first == ["cn_partial"])
            #expect(try Self.rule(report, Self.itemsRule).violations.first == ["cs_bare"])
            #expect(try Self.rule(report, Self.linesRule).kind == .invariant)
            // The sample's invoices and subscriptions are whole.
            for child in ResourceSpec.of(.invoices).children + ResourceSpec.of(.subscriptions).children {
                #expect(try Self.rule(report, IntegrityChecker.childCompletenessRule(child)).passed)
            }
            #expect(report.passed && !report.passed(strict: true))
        }
    }
}
