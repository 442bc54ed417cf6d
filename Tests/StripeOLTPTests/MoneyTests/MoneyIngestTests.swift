import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Money resources load with placeholders for missing parents, harvest what charges and disputes
/// embed, and their foreign keys hold.
@Suite("Money resources: ingest", .needsDatabase)
struct MoneyIngestTests {
    private func row(_ connection: PGConnection, _ sql: String) throws -> PGRow {
        try #require(try connection.query(sql).first, "no row for \(sql)")
    }

    private func ingest(_ files: [String: [String]], on connection: PGConnection) throws -> IngestReport {
        let dir = try TestEnvironment.temporaryDirectory()
        for (name, lines) in files { try IngestFixtures.ndjson("\(name).json", lines, in: dir) }
        let directory = try DumpDirectory(path: dir.path)
        let inputs = Ingester.inputs(directory: directory).filter { $0.1 != nil }
        return try Ingester(connection: connection).run(inputs, source: dir.path)
    }

    @Test("missing parents of refunds, disputes, balance transactions and payouts get placeholders")
    func placeholders() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let report = try ingest([
                "refunds": [#"{"id":"re_1","object":"refund","amount":10,"charge":"ch_gone","payment_intent":"pi_gone","balance_transaction":"txn_r"}"#],
                "disputes": [#"{"id":"dp_1","object":"dispute","amount":10,"charge":"ch_gone2"}"#],
                "balance_transactions": [
                    #"{"id":"txn_r","object":"balance_transaction","amount":-10,"fee":0,"net":-10,"source":"re_1"}"#,
                    #"{"id":"txn_p","object":"balance_transaction","amount":-90,"fee":0,"net":-90,"source":"po_missing"}"#,
                ],
                "payouts": [#"{"id":"po_2","object":"payout","amount":90,"balance_transaction":"txn_missing","original_payout":"po_older"}"#],
            ], on: connection)
            #expect(report.succeeded)
            for (table, id) in [("charges", "ch_gone"), ("charges", "ch_gone2"), ("payment_intents", "pi_gone"),
                                ("payouts", "po_missing"), ("payouts", "po_older"), ("balance_transactions", "txn_missing")] {
                #expect(try row(connection, "SELECT is_placeholder FROM stripe.\(table) WHERE id = '\(id)'")["is_placeholder"] == "t", "\(table) \(id)")
            }
            let refund = try row(connection, "SELECT balance_transaction_id, is_placeholder FROM stripe.refunds WHERE id = 're_1'")
            #expect(refund["balance_transaction_id"] == "txn_r")
            #expect(refund["is_placeholder"] == "f")
            let source = try row(connection, "SELECT source_refund_id, source_type FROM stripe.balance_transactions WHERE id = 'txn_r'")
            #expect(source["source_refund_id"] == "re_1")
            #expect(source["source_type"] == "refund")
            #expect(try connection.query("SELECT count(*) FROM stripe.balance_transactions WHERE is_placeholder AND id = 'txn_r'").scalar(Int.self) == 0)
        }
    }

    @Test("the foreign keys are enforced: a refund naming no charge row is refused")
    func foreignKeysEnforced() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            for statement in [
                "INSERT INTO stripe.refunds (id, charge_id, raw) VALUES ('re_x', 'ch_nowhere', '{}')",
                "INSERT INTO stripe.disputes (id, charge_id, raw) VALUES ('dp_x', 'ch_nowhere', '{}')",
                "INSERT INTO stripe.balance_transactions (id, source_payout_id, raw) VALUES ('txn_x', 'po_nowhere', '{}')",
                "INSERT INTO stripe.payouts (id, balance_transaction_id, raw) VALUES ('po_x', 'txn_nowhere', '{}')",
                "INSERT INTO stripe.refunds (id, balance_transaction_id, raw) VALUES ('re_y', 'txn_nowhere', '{}')",
            ] {
                #expect(throws: (any Error).self, "\(statement)") { try connection.query(statement) }
            }
        }
    }

    @Test("a charge's embedded refunds and a dispute's balance transactions fill their tables, flagged is_embedded")
    func harvested() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let report = try ingest([
                "charges": [#"{"id":"ch_1","object":"charge","amount":100,"amount_refunded":30,"currency":"usd","refunds":{"object":"list","data":[{"id":"re_e","object":"refund","amount":30,"charge":"ch_1","status":"succeeded"}],"has_more":false,"total_count":1}}"#],
                "disputes": [#"{"id":"dp_1","object":"dispute","amount":70,"currency":"usd","charge":"ch_1","balance_transactions":[{"id":"txn_d","object":"balance_transaction","amount":-70,"fee":1500,"net":-1570,"source":"dp_1"}]}"#],
            ], on: connection)
            #expect(report.succeeded)
            let refund = try row(connection, "SELECT charge_id, amount, is_embedded, is_placeholder FROM stripe.refunds WHERE id = 're_e'")
            #expect(refund["charge_id"] == "ch_1")
            #expect(refund["amount"] == "30")
            #expect(refund["is_embedded"] == "t")
            #expect(refund["is_placeholder"] == "f")
            let transaction = try row(connection, "SELECT source_dispute_id, net, is_embedded FROM stripe.balance_transactions WHERE id = 'txn_d'")
            #expect(transaction["source_dispute_id"] == "dp_1")
            #expect(transaction["net"] == "-1570")
            #expect(transaction["is_embedded"] == "t")
        }
    }
}
