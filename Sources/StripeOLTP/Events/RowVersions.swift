import Postgres

/// Which event last wrote each row of a resource table: `stripe_oltp.row_versions`, keyed by
/// (table, object id), so a new resource needs no columns of its own. Read and written for a
/// whole batch of objects in one statement each.
enum RowVersions {
    /// A row of a resource table: its table and object id.
    struct Key: Hashable, Sendable {
        /// The table name (`customers`).
        var table: String
        /// The object id.
        var objectID: String
    }

    /// The version of the event that last wrote each of `keys`' rows; keys no event has written
    /// (rows loaded by ingest, or none yet) are absent.
    static func stored(_ keys: [Key], on connection: PGConnection) throws -> [Key: EventVersion] {
        guard !keys.isEmpty else { return [:] }
        let rows = try connection.query("""
            SELECT v.table_name, v.object_id, v.event_created, v.object_updated, v.arrival, v.event_rank
            FROM stripe_oltp.row_versions v
            JOIN unnest($1::text[], $2::text[]) AS k(table_name, object_id) USING (table_name, object_id)
            """, [PGArray.literal(keys.map(\.table)), PGArray.literal(keys.map(\.objectID))]).rows
        var versions: [Key: EventVersion] = [:]
        for row in rows {
            let key = Key(table: try row.require("table_name"), objectID: try row.require("object_id"))
            versions[key] = EventVersion(created: try row.require("event_created"), objectUpdated: try row.decode("object_updated"),
                                         arrival: try row.require("arrival"), rank: try row.require("event_rank"))
        }
        return versions
    }

    /// Records that `eventID` at `version` wrote the row, for every entry.
    static func write(_ entries: [(key: Key, eventID: String, version: EventVersion)], on connection: PGConnection) throws {
        guard !entries.isEmpty else { return }
        try connection.query("""
            INSERT INTO stripe_oltp.row_versions AS v (table_name, object_id, event_id, event_created, object_updated, arrival, event_rank)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::smallint[])
            ON CONFLICT (table_name, object_id) DO UPDATE SET event_id = EXCLUDED.event_id,
                event_created = EXCLUDED.event_created, object_updated = EXCLUDED.object_updated,
                arrival = EXCLUDED.arrival, event_rank = EXCLUDED.event_rank, written_at = now()
            """, [PGArray.literal(entries.map(\.key.table)), PGArray.literal(entries.map(\.key.objectID)),
                  PGArray.literal(entries.map(\.eventID)), PGArray.literal(entries.map { String($0.version.created) }),
                  nullableArray(entries.map { $0.version.objectUpdated.map(String.init) }),
                  PGArray.literal(entries.map { String($0.version.arrival) }),
                  PGArray.literal(entries.map { String($0.version.rank) })])
    }

    /// An array literal whose nil elements are SQL NULLs.
    static func nullableArray(_ elements: [String?]) -> String {
        "{" + elements.map { $0.map { "\"\($0)\"" } ?? "NULL" }.joined(separator: ",") + "}"
    }
}
