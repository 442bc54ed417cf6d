import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

/// `sync --follow` against the in-process emulator and a real PostgreSQL.
@Suite("Following /v1/events", .needsDatabase)
struct EventFollowerTests {
    private typealias F = EventFixture

    /// Stores an event cursor at `created`, as an ingested fetch would.
    private static func setCursor(_ connection: PGConnection, created: Int, api: String) throws {
        try connection.query("""
            INSERT INTO stripe_oltp.fetch_cursors (name, created_until, api_version, fetched_at, account_id, livemode, api_base)
            VALUES ('events', $1, '2025-08-27.basil', now(), 'acct_test', false, $2)
            """, [Int64(created), api])
    }

    private static func follower(_ running: RunningEmulator, _ connection: PGConnection, notices: NoticeLog = NoticeLog(),
                                 now: @escaping () -> Int = { Int(Date().timeIntervalSince1970) }) throws -> EventFollower {
        let client = try StripeClient(configuration: try emulatorConfiguration(running))
        return EventFollower(connection: connection, client: client,
                             applier: EventApplier(retriever: EventObjectRetriever(client: try StripeClient(configuration: try emulatorConfiguration(running)))),
                             now: now, logger: notices.logger)
    }

    @Test("events created by requests are applied oldest first and the cursor moves past them; a second poll finds nothing new")
    func appliesEvents() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let connection = try db.connect()
                try Self.setCursor(connection, created: Int(Date().timeIntervalSince1970) - 60, api: running.baseURL)
                let customer = try stripe(running, .post, "/v1/customers", [("email", "one@example.com")])
                let id = try #require(customer["id"]?.stringValue)
                try stripe(running, .post, "/v1/customers/\(id)", [("email", "two@example.com")])
                let follower = try Self.follower(running, connection)
                try follower.acquireLease(wait: false)
                let report = try follower.poll()
                #expect(report.read == 2 && report.count("applied") == 2, "\(report)")
                #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = $1", [id]) == "two@example.com")
                let cursor = try #require(try connection.query(
                    "SELECT event_id FROM stripe_oltp.fetch_cursors WHERE name = 'events'").rows.first)
                #expect(cursor["event_id"] == report.cursorID && report.cursorID != nil)
                #expect(try F.count(connection, "SELECT count(*) FROM stripe.events") == 2)
                let again = try follower.poll()
                #expect(again.count("applied") == 0, "\(again)")
            }
        }
    }

    @Test("a second follower is refused while the first holds the lease, and gets it once released")
    func lease() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let first = try Self.follower(running, try db.connect())
                try first.acquireLease(wait: false)
                let second = try Self.follower(running, try db.connect())
                #expect(throws: EventFollowError.leaseHeld) { try second.acquireLease(wait: false) }
                #expect(EventFollowError.leaseHeld.description.contains("only one may run at a time"))
                try first.releaseLease()
                try second.acquireLease(wait: false)
            }
        }
    }

    @Test("a cursor older than 25 days draws a warning; beyond 30 days the follower stops and asks for a full fetch")
    func cursorAge() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let now = Int(Date().timeIntervalSince1970)
                try Self.setCursor(connection, created: now - 26 * 86_400, api: running.baseURL)
                let notices = NoticeLog()
                _ = try Self.follower(running, connection, notices: notices).poll()
                #expect(notices.all.contains { $0.contains("26 days old") }, "\(notices.all)")
                try connection.query("UPDATE stripe_oltp.fetch_cursors SET created_until = $1", [Int64(now - 31 * 86_400)])
                let error = try #require(throws: EventFollowError.self) { try Self.follower(running, connection).poll() }
                #expect(error.description.contains("fetch --full"), "\(error)")
            }
        }
    }

    @Test("a cursor fetched through another API base is refused instead of mixing accounts")
    func otherServer() async throws {
        try await withEmulator { running in
            try TestDatabase.with { db in
                let connection = try db.connect()
                try Self.setCursor(connection, created: Int(Date().timeIntervalSince1970) - 60, api: "https://api.stripe.com")
                let error = try #require(throws: EventFollowError.self) { try Self.follower(running, connection).poll() }
                #expect(error == .otherServer(cursorBase: "https://api.stripe.com", configuredBase: running.baseURL))
                #expect(try EventFixture.count(connection, "SELECT count(*) FROM stripe.events") == 0)
            }
        }
    }
}
