import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// The invariants Stripe documents for money resources hold on consistent data and fire, as
/// warnings naming the row, on a row crafted to break each.
@Suite("Money invariants fire", .needsDatabase)
struct MoneyInvariantTests {
    /// A charge of 1000 refunded 300 + 200 (a failed refund of 900 does not count), disputed for
    /// 1000, and the balance transactions behind them.
    static let dump: [String: [String]] = [
        "charges": [
            #"{"id":"ch_1","object":"charge","amount":1000,"amount_captured":1000,"amount_refunded":500,"refunded":false,"currency":"usd","balance_transaction":"txn_c"}"#,
        ],
        "refunds": [
            #"{"id":"re_1","object":"refund","amount":300,"charge":"ch_1","status":"succeeded","balance_transaction":"txn_r"}"#,
            #"{"id":"re_2","object":"refund","amount":200,"charge":"ch_1","status":"pending"}"#,
            #"{"id":"re_3","object":"refund","amount":900,"charge":"ch_1","status":"failed"}"#,
        ],
        "disputes": [
            #"{"id":"dp_1","object":"dispute","amount":1000,"currency":"usd","charge":"ch_1","status":"needs_response"}"#,
        ],
        "balance_transactions": [
            #"{"id":"txn_c","object":"balance_transaction","amount":1000,"fee":59,"net":941,"currency":"usd","source":"ch_1"}"#,
            #"{"id":"txn_r","object":"balance_transaction","amount":-300,"fee":0,"net":-300,"currency":"usd","source":"re_1"}"#,
        ],
    ]

    private static let cases: [(rule: String, victim: String, damage: String)] = [
        (IntegrityChecker.refundsSumRule, "ch_1", "UPDATE stripe.refunds SET amount = amount + 1 WHERE id = 're_2'"),
        (IntegrityChecker.refundsSumRule, "ch_1", "UPDATE stripe.refunds SET status = 'succeeded' WHERE id = 're_3'"),
        (IntegrityChecker.balanceNetRule, "txn_c", "UPDATE stripe.balance_transactions SET fee = fee + 1 WHERE id = 'txn_c'"),
        (IntegrityChecker.disputeAmountRule, "dp_1", "UPDATE stripe.disputes SET amount = 1001 WHERE id = 'dp_1'"),
    ]

    private func load(_ connection: PGConnection) throws -> DumpDirectory {
        let dir = try TestEnvironment.temporaryDirectory()
        for resource in Resource.allCases {
            try IngestFixtures.ndjson(resource.fileName, Self.dump[resource.tableName] ?? [], in: dir)
        }
        let directory = try DumpDirectory(path: dir.path)
        let inputs = Ingester.inputs(directory: directory).filter { $0.1 != nil }
        #expect(try Ingester(connection: connection).run(inputs, source: dir.path).succeeded)
        return directory
    }

    @Test("each money invariant names the one row crafted to break it", arguments: 0..<4)
    func fires(_ index: Int) throws {
        let (rule, victim, damage) = Self.cases[index]
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try load(connection)
            let before = try IntegrityChecker(connection: connection).check(directory: directory)
            let untouched = try #require(before.rules.first { $0.name == rule }, "no rule named \(rule)")
            #expect(untouched.passed, "the consistent data breaks \(rule) already: \(untouched.violations)")
            #expect(try connection.query(damage).affectedRows == 1)
            let report = try IntegrityChecker(connection: connection).check(directory: directory)
            let broken = try #require(report.rules.first { $0.name == rule })
            #expect(broken.violations.first == [victim])
            #expect(report.warnings.contains { $0.name == rule })
            #expect(!report.passed(strict: true))
        }
    }

    @Test("refunds are summed only where all of a charge's refunds are present")
    func onlyCompleteRefunds() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try load(connection)
            // The charge's embedded list says it has more refunds than are loaded: not compared.
            try connection.query("""
                UPDATE stripe.charges SET amount_refunded = 700,
                    raw = raw || '{"refunds":{"object":"list","data":[],"has_more":false,"total_count":4}}' WHERE id = 'ch_1'
                """)
            let report = try IntegrityChecker(connection: connection).check(directory: directory)
            #expect(report.rules.first { $0.name == IntegrityChecker.refundsSumRule }?.passed == true)
        }
    }
}
