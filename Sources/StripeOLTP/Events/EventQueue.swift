import Foundation
import Postgres

/// The durable intake of live sync, `stripe_oltp.event_queue`: `serve` inserts each verified
/// event (one committed statement) before answering 2xx, and a drainer applies the queued
/// events in arrival order, many per transaction, through `EventApplier`, which deletes their
/// rows in the transaction that handles them. An event acknowledged but not yet applied when the
/// process stops stays queued and is applied by the next drainer.
public enum EventQueue {
    /// The advisory lock key of the drain lease: one drainer per database at a time.
    public static let drainLeaseKey: Int64 = 0x5354_524F_4C54_5016

    /// One queued event, as taken for applying.
    public struct Entry: Sendable {
        /// The event as the apply path takes it (body and queue arrival).
        public var event: IncomingEvent
        /// When it was queued (Unix seconds, fractional).
        public var receivedAt: Double
    }

    /// Queues a verified body; its arrival number. The insert is committed when this returns.
    @discardableResult
    public static func enqueue(_ body: [UInt8], on connection: PGConnection) throws -> Int64 {
        try connection.query("INSERT INTO stripe_oltp.event_queue (raw) VALUES ($1::bytea) RETURNING arrival", [body])
            .scalar(Int64.self) ?? 0
    }

    /// The oldest `limit` queued events, oldest first (they stay queued until applied).
    public static func oldest(_ limit: Int, on connection: PGConnection) throws -> [Entry] {
        try connection.query("""
            SELECT arrival, raw, extract(epoch FROM received_at)::float8 AS received
            FROM stripe_oltp.event_queue ORDER BY arrival LIMIT $1
            """, [limit]).rows.map { row in
            let raw: String = try row.require("raw")
            return Entry(event: IncomingEvent(body: PGBytes.decode(raw) ?? [], queuedArrival: try row.require("arrival")),
                         receivedAt: try row.require("received"))
        }
    }

    /// How many events wait in the queue.
    public static func depth(on connection: PGConnection) throws -> Int {
        try connection.query("SELECT count(*) FROM stripe_oltp.event_queue").scalar(Int.self) ?? 0
    }

    /// Applies up to `limit` of the oldest queued events in one batch through `applier`; the
    /// entries taken and their outcomes (none when the queue is empty).
    public static func drainBatch(_ limit: Int, applier: EventApplier, on connection: PGConnection) throws
        -> [(entry: Entry, outcome: EventApplyOutcome)] {
        let entries = try oldest(limit, on: connection)
        guard !entries.isEmpty else { return [] }
        let outcomes = try applier.apply(entries.map(\.event), on: connection)
        return Array(zip(entries, outcomes))
    }

    /// Deletes the queue rows of `arrivals` (their events were handled).
    static func remove(_ arrivals: [Int64], on connection: PGConnection) throws {
        guard !arrivals.isEmpty else { return }
        try connection.query("DELETE FROM stripe_oltp.event_queue WHERE arrival = ANY($1::bigint[])",
                             [PGArray.literal(arrivals.map(String.init))])
    }
}
