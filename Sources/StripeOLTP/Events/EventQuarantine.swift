import Postgres
import StripeJSON

/// The events that could not be applied, kept in `stripe_oltp.event_quarantine` with their
/// reason until a retry or a redelivery applies them.
public enum EventQuarantine {
    /// One quarantined event.
    public struct Entry: Sendable, Equatable {
        /// The event id.
        public let eventID: String
        /// Why it could not be applied, at the last attempt.
        public let reason: String
        /// How many times applying it failed.
        public let attempts: Int
        /// The event's body as received.
        public let raw: String
    }

    /// Records (or, for an event already there, updates with one more attempt) the event `id`.
    static func record(eventID: String, type: String?, objectID: String?, reason: String, raw: [UInt8],
                       on connection: PGConnection) throws {
        try connection.query("""
            INSERT INTO stripe_oltp.event_quarantine AS q (event_id, type, object_id, reason, raw)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (event_id) DO UPDATE SET type = EXCLUDED.type, object_id = EXCLUDED.object_id,
                reason = EXCLUDED.reason, raw = EXCLUDED.raw, attempts = q.attempts + 1, last_attempt_at = now()
            """, [RawText.storable(eventID), type.map(RawText.storable), objectID.map(RawText.storable),
                  RawText.storable(reason), RawText.displayable(raw)])
    }

    /// Removes the event `id` (it was applied).
    static func remove(eventID: String, on connection: PGConnection) throws {
        try connection.query("DELETE FROM stripe_oltp.event_quarantine WHERE event_id = $1", [eventID])
    }

    /// Every quarantined event, oldest first.
    public static func entries(on connection: PGConnection) throws -> [Entry] {
        try connection.query("""
            SELECT event_id, reason, attempts, raw FROM stripe_oltp.event_quarantine ORDER BY first_seen_at, event_id
            """).rows.map { row in
            Entry(eventID: try row.require("event_id"), reason: try row.require("reason"),
                  attempts: try row.require("attempts"), raw: try row.require("raw"))
        }
    }
}
