import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

/// Events of one object sharing the same `created` second (Stripe's resolution), delivered in
/// every order: the lifecycle rank decides between a creation, a change and a deletion; two
/// changes tell nothing apart but their arrival, so with a key the object is re-retrieved.
@Suite("Same-second ties", .needsDatabase)
struct EventTieTests {
    private typealias F = EventFixture

    @Test("a creation and a change of the same second leave the change, in either order, one by one or in one batch")
    func creationNeverOverwritesChange() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            for (run, order) in [[0, 1], [1, 0]].enumerated() {
                for batched in [false, true] {
                    let id = "cus_rank\(run)\(batched)"
                    let events = [
                        F.event("evt_c\(run)\(batched)", "customer.created", created: F.t0, object: F.customer(id, email: "created@example.com")),
                        F.event("evt_u\(run)\(batched)", "customer.updated", created: F.t0, object: F.customer(id, email: "changed@example.com")),
                    ]
                    let bodies = order.map { IncomingEvent(body: events[$0]) }
                    if batched {
                        _ = try EventApplier().apply(bodies, on: connection)
                    } else {
                        for body in bodies { _ = try EventApplier().apply([body], on: connection) }
                    }
                    #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = $1", [id]) == "changed@example.com",
                            "order \(order), batched \(batched)")
                }
            }
        }
    }

    @Test("a change and a deletion of the same second leave the row deleted, in either order")
    func changeNeverOverwritesDeletion() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            for (run, order) in [[0, 1], [1, 0]].enumerated() {
                let id = "cus_del\(run)"
                let events = [
                    F.event("evt_du\(run)", "customer.updated", created: F.t0, object: F.customer(id, email: "changed@example.com")),
                    F.event("evt_dd\(run)", "customer.deleted", created: F.t0, object: F.customer(id, email: "changed@example.com")),
                ]
                for step in order { _ = try EventApplier().apply(eventJSON: events[step], on: connection) }
                #expect(try F.value(connection, "SELECT deleted::text FROM stripe.customers WHERE id = $1", [id]) == "true", "order \(order)")
            }
        }
    }

    @Test("two changes of the same second: without a key the later arrival wins; with one the object is re-retrieved, so the API's state wins in every order")
    func tiedChangesReRetrieved() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let customer = try stripe(running, .post, "/v1/customers", [("email", "first@example.com")])
                let id = try #require(customer["id"]?.stringValue)
                _ = try stripe(running, .post, "/v1/customers/\(id)", [("email", "second@example.com")])
                let older = F.event("evt_t1", "customer.updated", created: F.t0, object: F.customer(id, email: "first@example.com"))
                let newer = F.event("evt_t2", "customer.updated", created: F.t0, object: F.customer(id, email: "second@example.com"))
                // Without a key: newest first leaves the older state (documented), as the later arrival.
                for body in [newer, older] { _ = try EventApplier().apply(eventJSON: body, on: connection) }
                #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = $1", [id]) == "first@example.com")

                let client = try StripeClient(configuration: try emulatorConfiguration(running))
                let applier = EventApplier(retriever: EventObjectRetriever(client: client))
                for (run, order) in [[newer, older], [older, newer]].enumerated() {
                    try connection.query("TRUNCATE stripe.events, stripe.customers, stripe_oltp.row_versions, stripe_oltp.event_applications CASCADE")
                    for body in order { _ = try applier.apply(eventJSON: body, on: connection) }
                    #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = $1", [id]) == "second@example.com",
                            "order \(run)")
                    try connection.query("TRUNCATE stripe.events, stripe.customers, stripe_oltp.row_versions, stripe_oltp.event_applications CASCADE")
                    _ = try applier.apply(order.map { IncomingEvent(body: $0) }, on: connection)
                    #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = $1", [id]) == "second@example.com",
                            "order \(run), one batch")
                }
            }
        }
    }
}
