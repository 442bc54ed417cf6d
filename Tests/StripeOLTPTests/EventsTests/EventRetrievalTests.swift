import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

/// Events too thin to trust are re-retrieved from the API (the in-process emulator on 127.0.0.1).
@Suite("Re-retrieving thin events", .needsDatabase)
struct EventRetrievalTests {
    private typealias F = EventFixture

    private static func retriever(_ running: RunningEmulator) throws -> EventObjectRetriever {
        EventObjectRetriever(client: try StripeClient(configuration: try emulatorConfiguration(running)))
    }

    @Test("a thin v2 notification is quarantined without a key, and applied from the API with one (the retry empties the quarantine)")
    func thinNotification() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let customer = try stripe(running, .post, "/v1/customers", [("email", "thin@example.com")])
                let id = try #require(customer["id"]?.stringValue)
                let thin: [String: Any] = [
                    "id": "evt_thin1", "object": "v2.core.event", "type": "v1.customer.updated",
                    "created": "2026-11-01T00:00:00.000Z", "livemode": false,
                    "related_object": ["id": id, "type": "customer", "url": "/v1/customers/\(id)"],
                ]
                let body = Array(try JSONSerialization.data(withJSONObject: thin))
                let withoutKey = try EventApplier().apply(eventJSON: body, on: connection)
                guard case .quarantined(let reason) = withoutKey else { Issue.record("expected a quarantine, got \(withoutKey)"); return }
                #expect(reason.contains("evt_thin1") && reason.contains(id) && reason.contains("STRIPE_SECRET_KEY"), "\(reason)")
                #expect(try F.count(connection, "SELECT count(*) FROM stripe.customers") == 0)

                let entries = try EventQuarantine.entries(on: connection)
                #expect(entries.map(\.eventID) == ["evt_thin1"])
                let applier = EventApplier(retriever: try Self.retriever(running))
                #expect(try applier.apply(eventJSON: Array(entries[0].raw.utf8), on: connection) == .applied)
                #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = $1", [id]) == "thin@example.com")
                #expect(try F.value(connection, "SELECT object_id FROM stripe.events WHERE id = 'evt_thin1'") == id)
                #expect(try F.value(connection, "SELECT extract(epoch FROM created)::bigint::text FROM stripe.events WHERE id = 'evt_thin1'")
                        == "1793491200")
                #expect(try EventQuarantine.entries(on: connection).isEmpty)
            }
        }
    }

    @Test("an invoice whose embedded lines say has_more is re-retrieved with all its lines")
    func linesBeyondFirstPage() async throws {
        let (seed, invoiceID, _) = try seedWithChildren(.invoices, list: "lines", parentField: "invoice", idPrefix: "il", count: 25)
        try await withEmulator(seedDirectory: seed) { running in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let invoice = try stripe(running, .get, "/v1/invoices/\(invoiceID)")
                #expect(invoice["lines"]?["has_more"]?.boolValue == true)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(invoice.serializedBytes())) as? [String: Any])
                let body = F.event("evt_lines", "invoice.updated", created: F.t0, object: object)
                #expect(try EventApplier().apply(eventJSON: body, on: connection).name == "quarantined")
                #expect(try F.count(connection, "SELECT count(*) FROM stripe.invoice_line_items") == 0)
                #expect(try EventApplier(retriever: try Self.retriever(running)).apply(eventJSON: body, on: connection) == .applied)
                #expect(try F.count(connection, "SELECT count(*) FROM stripe.invoice_line_items WHERE invoice_id = $1", [invoiceID]) == 25)
            }
        }
    }
}
