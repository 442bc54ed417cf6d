import Foundation
import Postgres

/// Reads and advances the fetch cursors kept in `stripe_oltp.fetch_cursors`.
public enum FetchCursorStore {
    /// The stored cursors.
    public static func load(connection: PGConnection) throws -> FetchCursors {
        let exists = try connection.query("SELECT to_regclass('stripe_oltp.fetch_cursors') IS NOT NULL").scalar(Bool.self) ?? false
        guard exists else {
            throw LoaderError.configuration("the database has no stripe_oltp.fetch_cursors table; run 'stripe-oltp migrate up' first")
        }
        var cursors = FetchCursors()
        for row in try connection.query("SELECT name, created_until, event_id FROM stripe_oltp.fetch_cursors").rows {
            let name = try row.require("name", as: String.self)
            let created = try row.require("created_until", as: Int.self)
            if name == FetchCursors.eventsName {
                cursors.eventCreated = created
                cursors.eventID = try row.decode("event_id", as: String.self)
            } else if let resource = Resource(name: name) {
                cursors.objects[resource] = created
            }
        }
        return cursors
    }

    /// Advances the cursors after `manifest`'s dump was ingested: each resource in `ingested`
    /// that the fetch completed moves to the manifest's cursor; the event cursor moves only when
    /// every resource of the manifest was fetched and ingested, so no change is skipped.
    /// Returns the names of the cursors written.
    @discardableResult
    public static func record(
        manifest: FetchManifest, ingested: Set<Resource>, runID: Int64?, connection: PGConnection
    ) throws -> [String] {
        let fetchedAt = Date(timeIntervalSince1970: TimeInterval(manifest.startedAt))
        let fetchedAtText = ISO8601DateFormatter().string(from: fetchedAt)
        var written: [String] = []
        let upsert = """
            INSERT INTO stripe_oltp.fetch_cursors (name, created_until, event_id, api_version, fetched_at, ingest_run_id)
            VALUES ($1, $2, $3, $4, $5::timestamptz, $6)
            ON CONFLICT (name) DO UPDATE SET
                created_until = GREATEST(stripe_oltp.fetch_cursors.created_until, EXCLUDED.created_until),
                event_id = EXCLUDED.event_id, api_version = EXCLUDED.api_version,
                fetched_at = EXCLUDED.fetched_at, ingest_run_id = EXCLUDED.ingest_run_id, recorded_at = now()
            """
        try connection.transaction {
            for entry in manifest.resources where entry.status == .complete && ingested.contains(entry.resource) {
                guard let cursor = entry.cursor else { continue }
                try connection.query(upsert, [entry.resource.rawValue, Int64(cursor), nil as String?, manifest.apiVersion,
                                              fetchedAtText, runID])
                written.append(entry.resource.rawValue)
            }
            let everything = manifest.complete && manifest.resources.allSatisfy { ingested.contains($0.resource) }
                && Set(manifest.resources.map(\.resource)) == Set(Resource.allCases)
            if everything {
                // The event cursor is not GREATEST-merged: it is where the ingested fetch began.
                try connection.query("""
                    INSERT INTO stripe_oltp.fetch_cursors (name, created_until, event_id, api_version, fetched_at, ingest_run_id)
                    VALUES ($1, $2, $3, $4, $5::timestamptz, $6)
                    ON CONFLICT (name) DO UPDATE SET created_until = EXCLUDED.created_until, event_id = EXCLUDED.event_id,
                        api_version = EXCLUDED.api_version, fetched_at = EXCLUDED.fetched_at,
                        ingest_run_id = EXCLUDED.ingest_run_id, recorded_at = now()
                    """, [FetchCursors.eventsName, Int64(manifest.events.cursorCreated), manifest.events.cursorID,
                          manifest.apiVersion, fetchedAtText, runID])
                written.append(FetchCursors.eventsName)
            }
        }
        return written
    }
}
