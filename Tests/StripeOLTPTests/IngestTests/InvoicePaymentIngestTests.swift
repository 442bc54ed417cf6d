import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("Invoice payments fill invoices.payment_intent_id; check and re-ingest agree", .needsDatabase)
struct InvoicePaymentIngestTests {
    private static func invoice(_ id: String, status: String = "paid", paymentIntent: String? = nil,
                                metadata: String = "{}") -> String {
        let paid = status == "paid" ? 1000 : 0
        let own = paymentIntent.map { #","payment_intent":"\#($0)","paid":true"# } ?? ""
        return #"{"id":"\#(id)","object":"invoice","customer":"cus_1","status":"\#(status)","currency":"usd","amount_due":1000,"amount_paid":\#(paid),"amount_remaining":\#(1000 - paid),"subtotal":1000,"total":1000,"created":1700000000,"livemode":false,"metadata":\#(metadata)\#(own)}"#
    }

    private static func intent(_ id: String) -> String {
        #"{"id":"\#(id)","object":"payment_intent","amount":1000,"currency":"usd","customer":"cus_1","status":"succeeded","created":1700000050,"livemode":false,"metadata":{}}"#
    }

    private static func payment(_ id: String, invoice: String, intent: String, status: String = "paid",
                                isDefault: Bool = true, created: Int = 1_700_000_100) -> String {
        #"{"id":"\#(id)","object":"invoice_payment","invoice":"\#(invoice)","amount_paid":1000,"amount_requested":1000,"currency":"usd","created":\#(created),"is_default":\#(isDefault),"livemode":false,"payment":{"type":"payment_intent","payment_intent":"\#(intent)"},"status":"\#(status)","status_transitions":{"canceled_at":null,"paid_at":null}}"#
    }

    /// What each invoice's payment intent must be, and the dump folder that implies it:
    /// a default paid payment wins over an older paid one, the oldest paid one serves when none
    /// is the default, an open payment fills nothing, and an invoice's own `payment_intent` wins.
    static let expected: [String: String?] = [
        "in_a": "pi_a", "in_b": "pi_b2", "in_c": "pi_c2", "in_d": nil, "in_e": "pi_e_own",
    ]

    private static func basilFolder(invoicesMetadata: String = "{}", withPayments: Bool = true) throws -> String {
        let folder = try TestEnvironment.temporaryDirectory()
        let intents = ["pi_a", "pi_b1", "pi_b2", "pi_c1", "pi_c2", "pi_d", "pi_e_own", "pi_e_other"]
        try IngestFixtures.ndjson("customers.json", [#"{"id":"cus_1","object":"customer","created":1690000000,"livemode":false,"metadata":{}}"#], in: folder)
        try IngestFixtures.ndjson("invoices.json", [
            invoice("in_a", metadata: invoicesMetadata), invoice("in_b"), invoice("in_c"), invoice("in_d", status: "open"),
            invoice("in_e", paymentIntent: "pi_e_own"),
        ], in: folder)
        try IngestFixtures.ndjson("payment_intents.json", intents.map(intent), in: folder)
        if withPayments {
            try IngestFixtures.ndjson("invoice_payments.json", [
                payment("inpay_a1", invoice: "in_a", intent: "pi_a"),
                payment("inpay_b1", invoice: "in_b", intent: "pi_b1", isDefault: false, created: 1_700_000_100),
                payment("inpay_b2", invoice: "in_b", intent: "pi_b2", isDefault: true, created: 1_700_000_200),
                payment("inpay_c1", invoice: "in_c", intent: "pi_c1", isDefault: false, created: 1_700_000_300),
                payment("inpay_c2", invoice: "in_c", intent: "pi_c2", isDefault: false, created: 1_700_000_200),
                payment("inpay_d1", invoice: "in_d", intent: "pi_d", status: "open"),
                payment("inpay_e1", invoice: "in_e", intent: "pi_e_other"),
            ], in: folder)
        }
        for resource in [Resource.products, .prices, .paymentMethods, .subscriptions, .charges] {
            try "".write(to: folder.appendingPathComponent(resource.fileName), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    private static func ingest(_ folder: String, _ connection: PGConnection, only: [Resource] = Resource.allCases) throws -> IngestReport {
        let report = try Ingester(connection: connection).run(
            Ingester.inputs(directory: try DumpDirectory(path: folder), resources: only), source: folder)
        #expect(report.succeeded, "ingest: \(report.resources.compactMap(\.error))")
        return report
    }

    private static func paymentIntents(_ connection: PGConnection) throws -> [String: String?] {
        var result: [String: String?] = [:]
        for row in try connection.query("SELECT id, payment_intent_id FROM stripe.invoices WHERE NOT is_placeholder").rows {
            result[row["id"]!] = row["payment_intent_id"]
        }
        return result
    }

    private static func check(_ folder: String, _ connection: PGConnection) throws -> CheckReport {
        try IntegrityChecker(connection: connection).check(directory: try DumpDirectory(path: folder))
    }

    @Test("the default paid payment, else the oldest paid one, fills an empty payment intent; the invoice's own wins")
    func fillsFromInvoicePayments() throws {
        let folder = try Self.basilFolder()
        try TestDatabase.with { database in
            let connection = try database.connect()
            let report = try Self.ingest(folder, connection)
            #expect(try Self.paymentIntents(connection) == Self.expected)
            #expect(report.resources.first { $0.resource == .invoices }?.filled == 3)
            #expect(try connection.query("SELECT count(*) FROM stripe.invoice_payments").scalar(Int.self) == 7)
            #expect(try connection.query(
                "SELECT payment_intent_id FROM stripe.invoice_payments WHERE id = 'inpay_b2'").scalar(String.self) == "pi_b2")
            let checked = try Self.check(folder, try database.connect())
            #expect(checked.passed, "\(checked.resources.filter { !$0.passed })")
        }
    }

    @Test("re-ingesting the same dumps changes nothing; an invoice that changes gets its payment intent again")
    func reingestIsIdempotent() throws {
        let folder = try Self.basilFolder()
        try TestDatabase.with { database in
            let connection = try database.connect()
            try Self.ingest(folder, connection)
            let before = try IngestFixtures.contentDigest(connection)
            let again = try Self.ingest(folder, connection)
            #expect(again.resources.allSatisfy { $0.inserted == 0 && $0.updated == 0 && $0.filled == 0 })
            #expect(try IngestFixtures.contentDigest(connection) == before)

            // A newer copy of in_a (its own object names no payment intent) replaces the row.
            let changed = try Self.basilFolder(invoicesMetadata: #"{"note":"changed"}"#)
            let report = try Self.ingest(changed, connection, only: [.invoices])
            #expect(report.resources.first?.updated == 1)
            #expect(report.resources.first?.filled == 1)
            #expect(try Self.paymentIntents(connection) == Self.expected)
            #expect(try Self.check(changed, try database.connect()).passed)
        }
    }

    @Test("check reports a payment intent that is missing or not the one the payments give, and one that overrides the invoice's own")
    func checkSeesWrongFills() throws {
        let folder = try Self.basilFolder()
        try TestDatabase.with { database in
            let connection = try database.connect()
            try Self.ingest(folder, connection)
            try connection.query("UPDATE stripe.invoices SET payment_intent_id = NULL WHERE id = 'in_a'")
            try connection.query("UPDATE stripe.invoices SET payment_intent_id = 'pi_b1' WHERE id = 'in_b'")
            try connection.query("UPDATE stripe.invoices SET payment_intent_id = 'pi_d' WHERE id = 'in_d'")
            try connection.query("UPDATE stripe.invoices SET payment_intent_id = 'pi_e_other' WHERE id = 'in_e'")
            let report = try Self.check(folder, try database.connect())
            let invoices = try #require(report.resources.first { $0.resource == .invoices })
            #expect(invoices.contentDiffers.total == 4)
            #expect(invoices.contentDiffers.first == ["in_a", "in_b", "in_d", "in_e"])
            #expect(invoices.differences.allSatisfy { $0.fields == ["column:payment_intent_id"] }, "\(invoices.differences)")
            #expect(!report.passed)
        }
    }

    @Test("an old dump without invoice payments: its invoices' own payment intents, and check passes")
    func oldDumpWithoutInvoicePayments() throws {
        let folder = try Self.basilFolder(withPayments: false)
        try TestDatabase.with { database in
            let connection = try database.connect()
            let report = try Self.ingest(folder, connection)
            #expect(report.resources.first { $0.resource == .invoicePayments }?.outcome == .missing)
            #expect(try Self.paymentIntents(connection) == [
                "in_a": nil, "in_b": nil, "in_c": nil, "in_d": nil, "in_e": "pi_e_own",
            ])
            let checked = try Self.check(folder, try database.connect())
            #expect(checked.passed, "\(checked.resources.filter { !$0.passed })")
            #expect(checked.resources.first { $0.resource == .invoicePayments }?.dumpObjects == 0)
        }
    }
}
