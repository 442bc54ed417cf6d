import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// The apply path against a real PostgreSQL: one event, one transaction, through the ingest loader.
@Suite("Applying events", .needsDatabase)
struct EventApplierTests {
    private typealias F = EventFixture

    @Test("an event writes its object through the loader and is stored in stripe.events with its bookkeeping")
    func applies() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let outcome = try EventApplier().apply(
                eventJSON: F.event("evt_1", "customer.created", created: F.t0, object: F.customer("cus_1", email: "a@example.com")),
                on: connection)
            #expect(outcome == .applied)
            #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = 'cus_1'") == "a@example.com")
            let event = try #require(try connection.query("""
                SELECT type, object_id, object_type, request_id, api_version, extract(epoch FROM created)::bigint::text AS created,
                       raw->>'id' AS raw_id FROM stripe.events WHERE id = 'evt_1'
                """).rows.first)
            #expect(event["type"] == "customer.created" && event["object_id"] == "cus_1" && event["object_type"] == "customer")
            #expect(event["request_id"] == "req_evt_1" && event["api_version"] == "2025-08-27.basil")
            #expect(event["created"] == String(F.t0) && event["raw_id"] == "evt_1")
            #expect(try F.value(connection, "SELECT outcome FROM stripe_oltp.event_applications WHERE event_id = 'evt_1'") == "applied")
            #expect(try F.value(connection, """
                SELECT event_id FROM stripe_oltp.row_versions WHERE table_name = 'customers' AND object_id = 'cus_1'
                """) == "evt_1")
        }
    }

    @Test("an event id seen before changes nothing, even with other content")
    func duplicate() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            _ = try applier.apply(eventJSON: F.event("evt_1", "customer.created", created: F.t0,
                                                     object: F.customer("cus_1", email: "first@example.com")), on: connection)
            let again = try applier.apply(eventJSON: F.event("evt_1", "customer.updated", created: F.t0 + 60,
                                                             object: F.customer("cus_1", email: "changed@example.com")), on: connection)
            #expect(again == .duplicate)
            #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = 'cus_1'") == "first@example.com")
            #expect(try F.value(connection, "SELECT type FROM stripe.events WHERE id = 'evt_1'") == "customer.created")
            #expect(try F.count(connection, "SELECT count(*) FROM stripe_oltp.event_applications") == 1)
        }
    }

    @Test("an older event never overwrites the row a newer one wrote; it is stored as stale")
    func stale() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            #expect(try applier.apply(eventJSON: F.event("evt_new", "customer.updated", created: F.t0 + 10,
                                                         object: F.customer("cus_1", email: "new@example.com")), on: connection) == .applied)
            #expect(try applier.apply(eventJSON: F.event("evt_old", "customer.updated", created: F.t0,
                                                         object: F.customer("cus_1", email: "old@example.com")), on: connection) == .stale)
            #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = 'cus_1'") == "new@example.com")
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.events WHERE id = 'evt_old'") == 1)
            #expect(try F.value(connection, "SELECT outcome FROM stripe_oltp.event_applications WHERE event_id = 'evt_old'") == "stale")
        }
    }

    @Test("two events of the same second: the later arrival wins, in either order")
    func sameSecondTie() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            for (index, order) in [["open", "paid"], ["paid", "open"]].enumerated() {
                let invoice = "in_tie\(index)"
                for (position, status) in order.enumerated() {
                    let outcome = try applier.apply(eventJSON: F.event(
                        "evt_tie\(index)_\(position)", "invoice.updated", created: F.t0,
                        object: F.invoice(invoice, customer: "cus_1", status: status, amountPaid: status == "paid" ? 1000 : 0)),
                        on: connection)
                    #expect(outcome == .applied, "\(order) \(status)")
                }
                #expect(try F.value(connection, "SELECT status FROM stripe.invoices WHERE id = $1", [invoice]) == order[1], "\(order)")
            }
        }
    }

    @Test("a product's own updated decides over the event's created")
    func productUpdated() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            func product(_ name: String, updated: Int) -> [String: Any] {
                ["id": "prod_1", "object": "product", "name": name, "active": true, "created": F.t0 - 100, "updated": updated,
                 "livemode": false, "metadata": [:] as [String: Any]]
            }
            _ = try applier.apply(eventJSON: F.event("evt_p1", "product.updated", created: F.t0,
                                                     object: product("newer state", updated: F.t0)), on: connection)
            let outcome = try applier.apply(eventJSON: F.event("evt_p2", "product.updated", created: F.t0 + 30,
                                                               object: product("older state", updated: F.t0 - 50)), on: connection)
            #expect(outcome == .stale)
            #expect(try F.value(connection, "SELECT name FROM stripe.products WHERE id = 'prod_1'") == "newer state")
        }
    }

    @Test("unknown event types and objects the catalog does not load are stored and reported, not quarantined")
    func unknown() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            let fraud = try applier.apply(eventJSON: F.event("evt_u1", "radar.early_fraud_warning.created", created: F.t0,
                                                             object: ["id": "issfr_1", "object": "radar.early_fraud_warning"]), on: connection)
            #expect(fraud == .unknownTypeStored)
            var upcoming = F.invoice("in_x", customer: "cus_1", status: "draft", amountPaid: 0)
            upcoming["id"] = nil
            let idless = try applier.apply(eventJSON: F.event("evt_u2", "invoice.upcoming", created: F.t0, object: upcoming), on: connection)
            #expect(idless == .unknownTypeStored)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.events WHERE id IN ('evt_u1', 'evt_u2')") == 2)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe_oltp.event_applications WHERE outcome = 'unknown'") == 2)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe_oltp.event_quarantine") == 0)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.invoices") == 0)
        }
    }

    @Test("an event whose object does not transform is quarantined with event id, object id, field and reason; nothing else is written")
    func quarantine() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            let body = F.event("evt_bad", "customer.updated", created: F.t0,
                               object: F.customer("cus_bad", email: "x@example.com", extra: ["balance": "lots"]))
            let outcome = try applier.apply(eventJSON: body, on: connection)
            guard case .quarantined(let reason) = outcome else { Issue.record("expected a quarantine, got \(outcome)"); return }
            #expect(reason.contains("evt_bad") && reason.contains("cus_bad") && reason.contains("'balance'") && reason.contains("integer"))
            let row = try #require(try connection.query(
                "SELECT reason, attempts, raw FROM stripe_oltp.event_quarantine WHERE event_id = 'evt_bad'").rows.first)
            #expect(row["reason"] == reason && row["attempts"] == "1")
            #expect(row["raw"] == String(decoding: body, as: UTF8.self))
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.customers") == 0)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.events") == 0)
            // One bad event sinks no other, and a redelivery counts another attempt.
            #expect(try applier.apply(eventJSON: F.event("evt_good", "customer.created", created: F.t0,
                                                         object: F.customer("cus_good", email: "g@example.com")), on: connection) == .applied)
            _ = try applier.apply(eventJSON: body, on: connection)
            #expect(try F.value(connection, "SELECT attempts::text FROM stripe_oltp.event_quarantine WHERE event_id = 'evt_bad'") == "2")
        }
    }

    @Test("a body that is not an event is quarantined, not thrown")
    func notAnEvent() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let outcome = try EventApplier().apply(eventJSON: Array("{\"id\": \"evt_x\", \"object\": \"customer\"}".utf8), on: connection)
            guard case .quarantined(let reason) = outcome else { Issue.record("expected a quarantine, got \(outcome)"); return }
            #expect(reason.contains("evt_x") && reason.contains("not an event"))
            let garbage = try EventApplier().apply(eventJSON: Array("{\"id\": \"evt_y\", ".utf8), on: connection)
            #expect(garbage.name == "quarantined")
            #expect(try F.count(connection, "SELECT count(*) FROM stripe_oltp.event_quarantine") == 2)
        }
    }

    @Test("parents not there yet get placeholders, children are written and replaced: never a foreign-key failure")
    func placeholdersAndChildren() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            let lines = [F.line("il_1", price: "price_a", amount: 600), F.line("il_2", price: "price_b", amount: 400)]
            #expect(try applier.apply(eventJSON: F.event("evt_i1", "invoice.created", created: F.t0,
                                                         object: F.invoice("in_1", customer: "cus_missing", status: "draft", amountPaid: 0,
                                                                           lines: lines)), on: connection) == .applied)
            #expect(try F.value(connection, "SELECT is_placeholder::text FROM stripe.customers WHERE id = 'cus_missing'") == "true")
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.prices WHERE is_placeholder") == 2)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.invoice_line_items WHERE invoice_id = 'in_1'") == 2)
            #expect(try applier.apply(eventJSON: F.event("evt_i2", "invoice.updated", created: F.t0 + 5,
                                                         object: F.invoice("in_1", customer: "cus_missing", status: "open", amountPaid: 0,
                                                                           lines: [lines[0]])), on: connection) == .applied)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.invoice_line_items WHERE invoice_id = 'in_1'") == 1)
            // The real customer replaces its placeholder.
            #expect(try applier.apply(eventJSON: F.event("evt_c", "customer.created", created: F.t0 + 6,
                                                         object: F.customer("cus_missing", email: "late@example.com")), on: connection) == .applied)
            #expect(try F.value(connection, "SELECT is_placeholder::text || ' ' || email FROM stripe.customers WHERE id = 'cus_missing'")
                    == "false late@example.com")
        }
    }

    @Test("deletion events mark the row deleted; a subscription's deletion event is its cancellation")
    func deletions() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            _ = try applier.apply(eventJSON: F.event("evt_d1", "customer.created", created: F.t0,
                                                     object: F.customer("cus_1", email: "a@example.com")), on: connection)
            #expect(try applier.apply(eventJSON: F.event("evt_d2", "customer.deleted", created: F.t0 + 1,
                                                         object: F.customer("cus_1", email: "a@example.com")), on: connection) == .applied)
            #expect(try F.value(connection, "SELECT deleted::text || ' ' || email FROM stripe.customers WHERE id = 'cus_1'") == "true a@example.com")
            let subscription: [String: Any] = ["id": "sub_1", "object": "subscription", "customer": "cus_1", "status": "canceled",
                                               "created": F.t0 - 10, "livemode": false, "metadata": [:] as [String: Any],
                                               "items": ["object": "list", "data": [] as [Any], "has_more": false] as [String: Any]]
            #expect(try applier.apply(eventJSON: F.event("evt_d3", "customer.subscription.deleted", created: F.t0 + 2,
                                                         object: subscription), on: connection) == .applied)
            #expect(try F.value(connection, "SELECT deleted::text || ' ' || status FROM stripe.subscriptions WHERE id = 'sub_1'") == "false canceled")
        }
    }

    @Test("an expanded object inside the event's object fills its own table; an invoice payment fills its invoice's payment intent")
    func embeddedAndFills() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let applier = EventApplier()
            let charge: [String: Any] = [
                "id": "ch_1", "object": "charge", "amount": 1000, "currency": "usd", "status": "succeeded", "paid": true,
                "created": F.t0, "livemode": false, "metadata": [:] as [String: Any],
                "customer": F.customer("cus_exp", email: "expanded@example.com"),
            ]
            #expect(try applier.apply(eventJSON: F.event("evt_ch", "charge.succeeded", created: F.t0, object: charge), on: connection) == .applied)
            #expect(try F.value(connection, "SELECT is_embedded::text || ' ' || email FROM stripe.customers WHERE id = 'cus_exp'")
                    == "true expanded@example.com")
            _ = try applier.apply(eventJSON: F.event("evt_in", "invoice.paid", created: F.t0,
                                                     object: F.invoice("in_f", customer: "cus_exp", status: "paid", amountPaid: 1000)),
                                  on: connection)
            let payment: [String: Any] = [
                "id": "inpay_1", "object": "invoice_payment", "invoice": "in_f", "amount_paid": 1000, "currency": "usd",
                "status": "paid", "is_default": true, "created": F.t0, "livemode": false,
                "payment": ["type": "payment_intent", "payment_intent": "pi_f"] as [String: Any],
            ]
            #expect(try applier.apply(eventJSON: F.event("evt_pay", "invoice_payment.paid", created: F.t0, object: payment),
                                      on: connection) == .applied)
            #expect(try F.value(connection, "SELECT payment_intent_id FROM stripe.invoices WHERE id = 'in_f'") == "pi_f")
            #expect(try F.value(connection, "SELECT is_placeholder::text FROM stripe.payment_intents WHERE id = 'pi_f'") == "true")
        }
    }
}
