import Foundation
import Logging
import Postgres
import StripeHTTP
import StripeJSON

/// Follows `/v1/events` (`stripe-oltp sync --follow`): from the stored event cursor, reads the
/// events since, applies them oldest first through `EventApplier`, a page per transaction, and
/// moves the cursor past each page once it is applied (a failure leaves it where the last applied event put it, so
/// nothing is skipped). One follower per database: it holds a session advisory lock, the lease.
public final class EventFollower {
    /// The advisory lock key of the follower lease.
    public static let leaseKey: Int64 = 0x5354_524F_4C54_5009
    /// Cursors older than this many days draw a warning.
    public static let warningDays = 25
    /// Stripe keeps events this many days.
    public static let retentionDays = 30

    private let connection: PGConnection
    private let client: StripeClient
    private let applier: EventApplier
    private let now: () -> Int
    private let logger: Logger
    /// Events per page.
    public var pageSize = 100

    /// A follower applying through `applier` the events `client` reads, into `connection`'s database;
    /// its warnings (a cursor nearing Stripe's retention, a quarantined event) go to `logger`.
    public init(connection: PGConnection, client: StripeClient, applier: EventApplier,
                now: @escaping () -> Int = { Int(Date().timeIntervalSince1970) }, logger: Logger = .silent("stripe-oltp.events")) {
        self.connection = connection
        self.client = client
        self.applier = applier
        self.now = now
        self.logger = logger
    }

    /// Takes the lease: waits for it when `wait`, else throws `EventFollowError.leaseHeld` when
    /// another follower holds it. Held until the connection closes or `releaseLease()`.
    public func acquireLease(wait: Bool) throws {
        if wait {
            try connection.query("SELECT pg_advisory_lock($1)", [leaseKey])
        } else if try !connection.tryAdvisoryLock(leaseKey) {
            throw EventFollowError.leaseHeld
        }
    }

    /// Gives the lease back.
    public func releaseLease() throws {
        try connection.advisoryUnlock(leaseKey)
    }

    /// The lease of this connection's schema (one follower per schema).
    private var leaseKey: Int64 {
        SchemaName.bound(to: connection).advisoryLockKey(Self.leaseKey)
    }

    /// One poll: every event since the cursor, applied oldest first.
    public func poll() throws -> EventFollowReport {
        let (cursorCreated, cursorID) = try cursor()
        try checkAge(cursorCreated)
        var events: [JSONValue] = []
        let parameters: [(String, FormValue)] = [("created", .object([("gte", .string(String(cursorCreated)))]))]
        try StripeListPaging.forEachPage("/v1/events", pageSize: pageSize, parameters: { parameters }, get: { query in
            try JSONParser.parse(try client.send(.get, "/v1/events", parameters: query).body)
        }) { objects, _ in events += objects }
        var report = EventFollowReport()
        report.cursorCreated = cursorCreated
        report.cursorID = cursorID
        var pending: [(id: String, created: Int)] = []
        var bodies: [IncomingEvent] = []
        for event in events.reversed() {
            guard let id = event["id"]?.stringValue, id != cursorID else { continue }
            report.read += 1
            pending.append((id, event["created"]?.int64Value.map(Int.init) ?? cursorCreated))
            bodies.append(IncomingEvent(body: event.serializedBytes()))
        }
        var start = 0
        while start < bodies.count {
            let end = min(bodies.count, start + pageSize)
            let outcomes = try applier.apply(Array(bodies[start..<end]), on: connection)
            for outcome in outcomes {
                report.outcomes[outcome.name, default: 0] += 1
                if case .quarantined(let reason) = outcome { logger.notice("quarantined \(reason)") }
            }
            let newest = pending[start..<end].map(\.created).max() ?? cursorCreated
            report.cursorCreated = max(newest, report.cursorCreated ?? newest)
            report.cursorID = pending[end - 1].id
            try advance(created: report.cursorCreated!, id: pending[end - 1].id)
            start = end
        }
        return report
    }

    /// The stored event cursor; one fetched through another API base is refused.
    private func cursor() throws -> (created: Int, id: String?) {
        let cursors = try FetchCursorStore.load(connection: connection)
        guard let created = cursors.eventCreated else { throw EventFollowError.noCursor }
        let base = client.configuration.baseURL
        if let recorded = cursors.account?.apiBase, !recorded.isEmpty, recorded != base {
            throw EventFollowError.otherServer(cursorBase: recorded, configuredBase: base)
        }
        return (created, cursors.eventID)
    }

    /// Warns when the cursor nears Stripe's retention; throws when it is past it.
    private func checkAge(_ created: Int) throws {
        let days = (now() - created) / 86_400
        if days >= Self.retentionDays { throw EventFollowError.cursorExpired(cursorCreated: created, days: days) }
        if days >= Self.warningDays {
            let warning = "the event cursor (\(Self.timeText(created))) is \(days) days old; Stripe keeps events \(Self.retentionDays) days, "
                + "so keep the follower running or the changes in between will be lost"
            logger.notice("\(warning)")
        }
    }

    /// Moves the event cursor to the event just applied.
    private func advance(created: Int, id: String) throws {
        try connection.query("""
            UPDATE stripe_oltp.fetch_cursors SET created_until = $2, event_id = $3, recorded_at = now() WHERE name = $1
            """, [FetchCursors.eventsName, Int64(created), id])
    }

    /// A Unix time as UTC text (`2026-01-31 08:00:00 UTC`).
    static func timeText(_ seconds: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
