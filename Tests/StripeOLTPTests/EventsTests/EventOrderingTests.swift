import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// Deliveries in every order, with duplicates and same-second bursts, end at the newest state.
@Suite("Event delivery order", .needsDatabase)
struct EventOrderingTests {
    private typealias F = EventFixture

    /// Every ordering of `items`.
    private static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let head = rest.remove(at: index)
            return permutations(rest).map { [head] + $0 }
        }
    }

    @Test("four updates of one customer, delivered in all 24 orders and then again in reverse, leave the newest")
    func everyOrder() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            let orders = Self.permutations(Array(0..<4))
            #expect(orders.count == 24)
            for (run, order) in orders.enumerated() {
                let customer = "cus_perm\(run)"
                let events = (0..<4).map { step in
                    F.event("evt_perm\(run)_\(step)", step == 0 ? "customer.created" : "customer.updated", created: F.t0 + step * 7,
                            object: F.customer(customer, email: "step\(step)@example.com", extra: ["balance": step * 100]))
                }
                var outcomes: [String] = []
                for step in order { outcomes.append(try applier.apply(eventJSON: events[step], on: connection).name) }
                for step in order.reversed() {
                    #expect(try applier.apply(eventJSON: events[step], on: connection) == .duplicate)
                }
                let row = try #require(try connection.query(
                    "SELECT email, balance FROM stripe.customers WHERE id = $1", [customer]).rows.first)
                #expect(row["email"] == "step3@example.com" && row["balance"] == "300", "order \(order): \(outcomes)")
                #expect(try F.value(connection, "SELECT event_id FROM stripe_oltp.row_versions WHERE object_id = $1", [customer])
                        == "evt_perm\(run)_3")
                // Every event applied or was stale exactly once: none dropped, none doubled.
                #expect(outcomes.filter { $0 == "applied" || $0 == "stale" }.count == 4, "order \(order): \(outcomes)")
            }
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.events") == 96)
        }
    }

    @Test("invoice.finalized, then invoice.paid, invoice.payment_succeeded and invoice.updated in one second, in every order: the invoice ends paid")
    func sameSecondBurst() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            let types = ["invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "invoice.updated"]
            for (run, order) in Self.permutations(Array(0..<4)).enumerated() {
                let invoice = "in_burst\(run)"
                let events = types.enumerated().map { step, type in
                    F.event("evt_burst\(run)_\(step)", type, created: step == 0 ? F.t0 - 3 : F.t0,
                            object: F.invoice(invoice, customer: "cus_burst", status: step == 0 ? "open" : "paid",
                                              amountPaid: step == 0 ? 0 : 1000))
                }
                for step in order + [order[0], order[2]] { _ = try applier.apply(eventJSON: events[step], on: connection) }
                let row = try #require(try connection.query(
                    "SELECT status, amount_paid FROM stripe.invoices WHERE id = $1", [invoice]).rows.first)
                #expect(row["status"] == "paid" && row["amount_paid"] == "1000", "order \(order)")
            }
        }
    }
}
