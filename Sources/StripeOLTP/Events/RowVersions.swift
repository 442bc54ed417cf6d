import Postgres

/// Which event last wrote each row of a resource table: `stripe_oltp.row_versions`, keyed by
/// (table, object id), so a new resource needs no columns of its own.
enum RowVersions {
    /// The version of the event that last wrote the row, or nil when no event has (a row
    /// loaded by ingest, or none yet).
    static func stored(table: String, objectID: String, on connection: PGConnection) throws -> EventVersion? {
        guard let row = try connection.query("""
            SELECT event_created, object_updated, arrival FROM stripe_oltp.row_versions WHERE table_name = $1 AND object_id = $2
            """, [table, objectID]).rows.first else { return nil }
        return EventVersion(created: try row.require("event_created"), objectUpdated: try row.decode("object_updated"),
                            arrival: try row.require("arrival"))
    }

    /// Records that the event `eventID` at `version` wrote the row.
    static func write(table: String, objectID: String, eventID: String, version: EventVersion,
                      on connection: PGConnection) throws {
        try connection.query("""
            INSERT INTO stripe_oltp.row_versions (table_name, object_id, event_id, event_created, object_updated, arrival)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (table_name, object_id) DO UPDATE SET event_id = EXCLUDED.event_id,
                event_created = EXCLUDED.event_created, object_updated = EXCLUDED.object_updated,
                arrival = EXCLUDED.arrival, written_at = now()
            """, [table, objectID, eventID, version.created, version.objectUpdated, version.arrival])
    }
}
