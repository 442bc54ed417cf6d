import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Fetch writes the events it reads to `events.json`, and ingest stores them in `stripe.events`.
@Suite("Events fetched and ingested", .needsDatabase)
struct EventFetchTests {
    @Test("a fetch writes the account's events to events.json; ingest stores them, and a later delivery of one is a duplicate")
    func fetchedEvents() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let customer = try stripe(running, .post, "/v1/customers", [("email", "fetched@example.com")])
                let id = try #require(customer["id"]?.stringValue)
                let directory = try TestEnvironment.temporaryDirectory().path
                #expect(try fetch(running, into: directory).succeeded)
                let events = try dumpObjects(directory, .events)
                let created = try #require(events.first { $0["type"]?.stringValue == "customer.created" })
                #expect(created["data"]?["object"]?["id"]?.stringValue == id)

                let connection = try db.connect()
                let report = try Ingester(connection: connection).run(
                    Ingester.inputs(directory: try DumpDirectory(path: directory)), source: "fetched")
                #expect(report.resources.first { $0.resource == .events }?.outcome == .loaded)
                let eventID = try #require(created["id"]?.stringValue)
                #expect(try EventFixture.value(connection, "SELECT object_id FROM stripe.events WHERE id = $1", [eventID]) == id)
                #expect(try EventApplier().apply(eventJSON: created.serializedBytes(), on: connection) == .duplicate)
            }
        }
    }
}
