import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Every invariant the README documents fires on a row crafted to break it, naming the row.
@Suite("Every documented invariant fires", .needsDatabase)
struct InvariantPromiseTests {
    private static let cases: [(rule: String, table: String, damage: String)] = [
        ("invoice amount_remaining = amount_due − amount_paid", "stripe.invoices",
         "UPDATE stripe.invoices SET amount_remaining = amount_due - amount_paid + 1 WHERE id = $1"),
        ("invoice subtotal = sum of its line amounts (complete lines, no discounts)", "stripe.invoices",
         "UPDATE stripe.invoices SET subtotal = subtotal + 1 WHERE id = $1"),
        ("charge amount_refunded ≤ amount", "stripe.charges",
         "UPDATE stripe.charges SET amount_refunded = amount + 1 WHERE id = $1"),
        ("charge amount_captured ≤ amount", "stripe.charges",
         "UPDATE stripe.charges SET amount_captured = amount + 1 WHERE id = $1"),
        ("charge refunded ⇔ fully refunded", "stripe.charges",
         "UPDATE stripe.charges SET refunded = NOT (amount_refunded = amount) WHERE id = $1"),
        ("subscription current_period_start ≤ current_period_end", "stripe.subscriptions",
         "UPDATE stripe.subscriptions SET current_period_start = current_period_end + interval '1 day' WHERE id = $1"),
    ]

    @Test("each invariant names the one row crafted to break it", arguments: 0..<6)
    func fires(_ index: Int) throws {
        let (rule, table, damage) = Self.cases[index]
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: IngestFixtures.sampleDirectory)
            #expect(try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample").succeeded)
            let before = try IntegrityChecker(connection: connection).check(directory: directory)
            let untouched = try #require(before.rules.first { $0.name == rule }, "no rule named \(rule)")
            #expect(untouched.passed, "the sample breaks \(rule) already")
            let candidates = table == "stripe.invoices"
                ? "SELECT min(id) FROM stripe.invoices WHERE raw->'lines'->>'has_more' = 'false' AND subtotal IS NOT NULL AND amount_due IS NOT NULL"
                : "SELECT min(id) FROM \(table) WHERE NOT is_placeholder"
            let victim = try #require(try connection.query(candidates).scalar(String.self))
            #expect(try connection.query(damage, [victim]).affectedRows == 1)
            let report = try IntegrityChecker(connection: connection).check(directory: directory)
            let broken = try #require(report.rules.first { $0.name == rule })
            #expect(broken.violations.first == [victim])
            #expect(report.warnings.contains { $0.name == rule })
            #expect(!report.passed(strict: true))
        }
    }
}
