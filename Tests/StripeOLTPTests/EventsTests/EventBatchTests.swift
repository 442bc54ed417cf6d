import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// Many events applied in one transaction (as the intake queue's applier and the follower apply
/// them) give what applying them one by one gives: each object at its newest state, each event
/// applied or stale once, duplicates recognised, one bad event sinking none of the others.
@Suite("Event batches", .needsDatabase)
struct EventBatchTests {
    private typealias F = EventFixture

    /// Every ordering of `items`.
    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let head = rest.remove(at: index)
            return permutations(rest).map { [head] + $0 }
        }
    }

    @Test("one batch holding four updates of each of 24 customers, in all 24 orders, with every event twice, leaves each customer newest")
    func everyOrderInOneBatch() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            var batch: [IncomingEvent] = []
            var expected: [String] = []
            for (run, order) in Self.permutations(Array(0..<4)).enumerated() {
                let events = (0..<4).map { step in
                    F.event("evt_b\(run)_\(step)", step == 0 ? "customer.created" : "customer.updated", created: F.t0 + step * 7,
                            object: F.customer("cus_b\(run)", email: "step\(step)@example.com", extra: ["balance": step * 100]))
                }
                for step in order {
                    batch.append(IncomingEvent(body: events[step]))
                    expected.append("first")
                }
                for step in order.reversed() {
                    batch.append(IncomingEvent(body: events[step]))
                    expected.append("again")
                }
            }
            let outcomes = try EventApplier().apply(batch, on: connection)
            #expect(outcomes.count == batch.count)
            for (outcome, kind) in zip(outcomes, expected) {
                if kind == "again" { #expect(outcome == .duplicate) } else { #expect(outcome == .applied || outcome == .stale) }
            }
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.customers WHERE email = 'step3@example.com' AND balance = 300") == 24)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.events") == 96)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe_oltp.event_applications") == 96)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe_oltp.row_versions WHERE event_id LIKE '%\\_3' ESCAPE '\\'") == 24)
        }
    }

    @Test("a batch and the same events one by one end in the same rows and outcomes")
    func batchEqualsOneByOne() throws {
        try TestDatabase.with { db in
            try TestDatabase.with { other in
                let batched = try db.connect(), single = try other.connect()
                let bodies = [
                    F.event("evt_s1", "customer.updated", created: F.t0 + 5, object: F.customer("cus_s", email: "new@example.com")),
                    F.event("evt_s0", "customer.created", created: F.t0, object: F.customer("cus_s", email: "old@example.com")),
                    F.event("evt_i0", "invoice.paid", created: F.t0, object: F.invoice("in_s", customer: "cus_s", status: "paid", amountPaid: 1000)),
                    F.event("evt_s1", "customer.updated", created: F.t0 + 5, object: F.customer("cus_s", email: "new@example.com")),
                    F.event("evt_u", "radar.early_fraud_warning.created", created: F.t0, object: ["id": "issfr_1", "object": "radar.early_fraud_warning"]),
                ]
                let fromBatch = try EventApplier().apply(bodies.map { IncomingEvent(body: $0) }, on: batched)
                let fromSingles = try bodies.map { try EventApplier().apply(eventJSON: $0, on: single) }
                #expect(fromBatch == fromSingles)
                #expect(fromBatch == [.applied, .stale, .applied, .duplicate, .unknownTypeStored])
                for connection in [batched, single] {
                    #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = 'cus_s'") == "new@example.com")
                    #expect(try F.value(connection, "SELECT status FROM stripe.invoices WHERE id = 'in_s'") == "paid")
                }
            }
        }
    }

    @Test("an event whose object the server refuses is quarantined and the rest of its batch applies")
    func refusedInBatch() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let good = (0..<3).map { F.event("evt_ok\($0)", "customer.created", created: F.t0, object: F.customer("cus_ok\($0)", email: "ok\($0)@example.com")) }
            // A number jsonb cannot hold (1e1000000) passes the parser and the transformer, but the
            // server refuses it (in the event's raw and the customer's).
            let marked = F.event("evt_refused", "customer.created", created: F.t0,
                                 object: F.customer("cus_refused", email: "r@example.com", extra: ["extra": "BIG_NUMBER"]))
            let refused = Array(String(decoding: marked, as: UTF8.self).replacingOccurrences(of: #""BIG_NUMBER""#, with: "1e1000000").utf8)
            let outcomes = try EventApplier().apply([good[0], refused, good[1], good[2]].map { IncomingEvent(body: $0) }, on: connection)
            #expect(outcomes.map(\.name) == ["applied", "quarantined", "applied", "applied"], "\(outcomes)")
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.customers") == 3)
            let entries = try EventQuarantine.entries(on: connection)
            #expect(entries.map(\.eventID) == ["evt_refused"])
            #expect(entries.first?.reason.contains("evt_refused") == true, "\(entries)")
            #expect(entries.first?.reason.contains("overflows numeric format") == true, "\(entries)")
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.events") == 3)
        }
    }
}
