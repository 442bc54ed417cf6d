import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// `events retry --schema NAME` works on that schema's quarantine and tables only.
@Suite("events retry in a named schema", .needsDatabase)
struct SchemaEventsRetryTests {
    private static func event(_ id: String, product: String) -> String {
        #"{"id":"\#(id)","object":"event","type":"product.created","created":1700000000,"livemode":false,"api_version":"2024-06-20","#
            + #""data":{"object":{"id":"\#(product)","object":"product","name":"P","active":true,"created":1700000000,"livemode":false}}}"#
    }

    @Test("the named schema's quarantined event is applied into NAME; the default schema's quarantine and tables stay as they were")
    func retriesOwnQuarantine() throws {
        try TestDatabase.with(migrated: false) { db in
            #expect(try CLI.run(["migrate", "up", "--database-url", db.url]).status == 0)
            #expect(try CLI.run(["migrate", "up", "--schema", "stripe_side", "--database-url", db.url]).status == 0)
            let plain = try db.connect()
            for (ledger, id, product) in [("stripe_oltp", "evt_default", "prod_default"), ("stripe_side_oltp", "evt_side", "prod_side")] {
                try plain.query("INSERT INTO \(ledger).event_quarantine (event_id, type, object_id, reason, raw) VALUES ($1, 'product.created', $2, 'test', $3)",
                                [id, product, Self.event(id, product: product)])
            }
            let retry = try CLI.run(["events", "retry", "--schema", "stripe_side", "--database-url", db.url])
            #expect(retry.status == 0, "\(retry.stdout)\(retry.stderr)")
            #expect(retry.stdout.contains("1 quarantined; applied 1"), "\(retry.stdout)")
            #expect(try plain.query("SELECT id FROM stripe_side.products").scalar(String.self) == "prod_side")
            #expect(try plain.query("SELECT count(*) FROM stripe_side_oltp.event_quarantine").scalar(Int.self) == 0)
            #expect(try plain.query("SELECT count(*) FROM stripe.products").scalar(Int.self) == 0)
            #expect(try plain.query("SELECT event_id FROM stripe_oltp.event_quarantine").scalar(String.self) == "evt_default")
        }
    }
}
