import Postgres
import StripeSchema

/// Whether the sync is healthy, read from the database alone: per resource rows, placeholders,
/// rejects outstanding, newest `created` and cursor age; the last run of each command; the
/// interrupted ingest runs; and the fetch lag (newest event seen vs now).
public struct SyncStatus: Sendable, Codable, Equatable {
    /// When the status was read, unix seconds.
    public var now: Int
    /// One entry per catalog resource, in load order.
    public var resources: [ResourceStatus]
    /// The last run of each command that has run.
    public var lastRuns: [CommandRunStatus]
    /// Ingest runs recorded `interrupted` (killed or crashed; nothing of them was kept).
    public var interruptedRuns: Int
    /// Seconds between the newest event the last ingested fetch saw and now; nil when no fetch
    /// was ingested yet.
    public var fetchLagSeconds: Int?
    /// The thresholds crossed, each a sentence; empty when healthy.
    public var problems: [String] = []
    /// The schema read (`--schema`, default `stripe`).
    public var schema: String = SchemaName.default.data
    /// The mode of the data the schema records (`test` or `live`); nil when none is recorded yet.
    public var mode: String?

    /// Reads the status of the migrated database on `connection` at `now`.
    public static func read(connection: PGConnection, now: Int) throws -> SyncStatus {
        let cursors = try cursorTimes(connection)
        let resources = try Resource.allCases.map { try resourceStatus($0, cursors: cursors, now: now, connection) }
        let interrupted = try connection.query(
            "SELECT count(*) FROM stripe_oltp.ingest_runs WHERE outcome = 'interrupted'").scalar(Int.self) ?? 0
        let lag = cursors.eventsCreated.map { now - $0 }
        var status = SyncStatus(now: now, resources: resources, lastRuns: try lastRuns(connection),
                                interruptedRuns: interrupted, fetchLagSeconds: lag)
        status.schema = SchemaName.bound(to: connection).data
        status.mode = try SchemaMode.read(connection).map { SchemaMode.name(livemode: $0.livemode) }
        return status
    }

    /// This status with `problems` set from `maxLag` (seconds; nil: no threshold).
    public func checked(maxLag: Int?) -> SyncStatus {
        var status = self
        status.problems = []
        if let maxLag {
            if let lag = fetchLagSeconds {
                if lag > maxLag {
                    status.problems.append("fetch lag \(SyncStatus.duration(lag)) exceeds --max-lag \(SyncStatus.duration(maxLag))")
                }
            } else {
                status.problems.append("no fetch was ingested yet, so the lag is unknown (--max-lag \(SyncStatus.duration(maxLag)))")
            }
        }
        return status
    }

    /// `1d 2h`, `3h 4m`, `5m 6s` or `7s`.
    public static func duration(_ seconds: Int) -> String {
        let (d, h, m, s) = (seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60)
        if d > 0 { return "\(d)d \(h)h" }
        if h > 0 { return "\(h)h \(m)m" }
        return m > 0 ? "\(m)m \(s)s" : "\(s)s"
    }

    private static func resourceStatus(_ resource: Resource, cursors: (fetched: [String: Int], eventsCreated: Int?), now: Int,
                                       _ connection: PGConnection) throws -> ResourceStatus {
        let table = resource.table
        let newest = ResourceSpec.of(resource).datingColumn
            .map { "extract(epoch FROM max(\($0)) FILTER (WHERE NOT is_placeholder))::bigint" } ?? "NULL::bigint"
        let counts = try connection.query("""
            SELECT count(*) FILTER (WHERE NOT is_placeholder) AS rows, count(*) FILTER (WHERE is_placeholder) AS placeholders,
                   \(newest) AS newest
            FROM \(table)
            """).first
        let rejects = try connection.query("""
            SELECT count(DISTINCT coalesce(r.object_id, r.file || ':' || r.line)) FROM stripe_oltp.ingest_rejects r
            WHERE r.resource = $1 AND NOT EXISTS (
                SELECT 1 FROM \(table) t WHERE t.id = r.object_id AND NOT t.is_placeholder AND t.ingested_at > r.rejected_at)
            """, [resource.rawValue]).scalar(Int.self) ?? 0
        return ResourceStatus(
            resource: resource, rows: try counts?.decode("rows", as: Int.self) ?? 0,
            placeholders: try counts?.decode("placeholders", as: Int.self) ?? 0, rejects: rejects,
            newestCreated: try counts?.decode("newest", as: Int.self),
            cursorAgeSeconds: cursors.fetched[resource.rawValue].map { now - $0 })
    }

    /// Per cursor name, when the fetch behind it began (unix seconds); and the newest event's `created`.
    private static func cursorTimes(_ connection: PGConnection) throws -> (fetched: [String: Int], eventsCreated: Int?) {
        var fetched: [String: Int] = [:]
        var events: Int?
        for row in try connection.query("""
            SELECT name, extract(epoch FROM fetched_at)::bigint AS fetched, created_until FROM stripe_oltp.fetch_cursors
            """).rows {
            let name = try row.require("name", as: String.self)
            fetched[name] = try row.decode("fetched", as: Int.self)
            if name == FetchCursors.eventsName { events = try row.decode("created_until", as: Int.self) }
        }
        return (fetched, events)
    }

    /// The last ingest run (from `ingest_runs`) and the last fetch, check and populate (from the event log).
    private static func lastRuns(_ connection: PGConnection) throws -> [CommandRunStatus] {
        var runs: [CommandRunStatus] = []
        if let row = try connection.query("""
            SELECT extract(epoch FROM coalesce(finished_at, started_at))::bigint AS at, outcome
            FROM stripe_oltp.ingest_runs ORDER BY id DESC LIMIT 1
            """).first {
            runs.append(CommandRunStatus(command: "ingest", at: try row.require("at", as: Int.self),
                                         outcome: try row.require("outcome", as: String.self)))
        }
        guard try connection.query("SELECT to_regclass('stripe_oltp.event_log') IS NOT NULL").scalar(Bool.self) == true else {
            return runs
        }
        let outcomes = [
            ("fetch", "CASE WHEN (payload->>'complete')::boolean THEN 'complete' ELSE 'incomplete' END"),
            ("check", "payload->>'verdict'"),
            ("populate", "CASE WHEN (payload->>'failed')::int = 0 THEN 'succeeded' ELSE 'partial' END"),
        ]
        for (command, outcome) in outcomes {
            if let row = try connection.query("""
                SELECT extract(epoch FROM at)::bigint AS at, \(outcome) AS outcome FROM stripe_oltp.event_log
                WHERE event = $1 ORDER BY id DESC LIMIT 1
                """, ["\(command).completed"]).first {
                runs.append(CommandRunStatus(command: command, at: try row.require("at", as: Int.self),
                                             outcome: try row.decode("outcome", as: String.self) ?? "unknown"))
            }
        }
        return runs
    }
}
