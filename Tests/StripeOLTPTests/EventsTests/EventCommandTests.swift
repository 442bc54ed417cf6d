import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

/// `stripe-oltp sync --follow` and `stripe-oltp events retry` as a user runs them.
@Suite("sync and events commands", .needsDatabase)
struct EventCommandTests {
    private typealias F = EventFixture

    @Test("sync --follow --once applies the events since the cursor; a second follower is refused while the lease is held")
    func syncOnce() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let connection = try db.connect()
                try connection.query("""
                    INSERT INTO stripe_oltp.fetch_cursors (name, created_until, api_version, fetched_at, account_id, livemode, api_base)
                    VALUES ('events', $1, '2025-08-27.basil', now(), 'acct_test', false, $2)
                    """, [Int64(Date().timeIntervalSince1970) - 60, running.baseURL])
                let customer = try stripe(running, .post, "/v1/customers", [("email", "cli@example.com")])
                let id = try #require(customer["id"]?.stringValue)
                let arguments = ["sync", "--follow", "--once", "--database-url", db.url]
                let result = try CLI.run(arguments, environment: fetchEnvironment(running))
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("applied 1"), "\(result.stdout)")
                #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = $1", [id]) == "cli@example.com")
                #expect(!result.stdout.contains(fetchTestKey) && !result.stderr.contains(fetchTestKey))

                #expect(try connection.tryAdvisoryLock(EventFollower.leaseKey))
                let refused = try CLI.run(arguments, environment: fetchEnvironment(running))
                #expect(refused.status != 0)
                #expect(refused.stderr.contains("another 'stripe-oltp sync --follow' is following this database"), "\(refused.stderr)")
                try connection.advisoryUnlock(EventFollower.leaseKey)

                let bare = try CLI.run(["sync", "--database-url", db.url], environment: fetchEnvironment(running))
                #expect(bare.status != 0 && bare.stderr.contains("--follow"))
            }
        }
    }

    @Test("events retry reapplies quarantined events and reports the counts; one that still fails keeps it non-zero")
    func retry() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let customer = try stripe(running, .post, "/v1/customers", [("email", "retry@example.com")])
                let id = try #require(customer["id"]?.stringValue)
                let thin: [String: Any] = [
                    "id": "evt_thin_cli", "object": "v2.core.event", "type": "v1.customer.created",
                    "created": "2026-11-01T00:00:00Z", "related_object": ["id": id, "type": "customer", "url": "/v1/customers/\(id)"],
                ]
                _ = try EventApplier().apply(eventJSON: Array(try JSONSerialization.data(withJSONObject: thin)), on: connection)
                let result = try CLI.run(["events", "retry", "--database-url", db.url], environment: fetchEnvironment(running))
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("1 quarantined; applied 1"), "\(result.stdout)")
                #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = $1", [id]) == "retry@example.com")

                _ = try EventApplier().apply(eventJSON: F.event("evt_bad_cli", "customer.updated", created: F.t0,
                                                                object: F.customer("cus_bad", email: "b@example.com", extra: ["balance": "x"])),
                                             on: connection)
                let failing = try CLI.run(["events", "retry", "--database-url", db.url], environment: fetchEnvironment(running))
                #expect(failing.status != 0)
                #expect(failing.stdout.contains("quarantined 1") && failing.stderr.contains("'balance'"), "\(failing.stdout) \(failing.stderr)")
            }
        }
    }
}
