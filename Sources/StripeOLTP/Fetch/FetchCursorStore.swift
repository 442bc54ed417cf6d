import Foundation
import Postgres
import StripeJSON
import StripeSchema

/// Reads and advances the fetch cursors kept in `stripe_oltp.fetch_cursors`.
public enum FetchCursorStore {
    /// The stored cursors.
    public static func load(connection: PGConnection) throws -> FetchCursors {
        let exists = try connection.query("SELECT to_regclass('stripe_oltp.fetch_cursors') IS NOT NULL").scalar(Bool.self) ?? false
        guard exists else {
            let schema = SchemaName.bound(to: connection)
            throw LoaderError.configuration(
                "the database has no \(schema.bookkeeping).fetch_cursors table; run '\(schema.migrateUpCommand)' first")
        }
        let bound = try connection.query("""
            SELECT EXISTS (SELECT 1 FROM information_schema.columns
                           WHERE table_schema = 'stripe_oltp' AND table_name = 'fetch_cursors' AND column_name = 'account_id')
            """).scalar(Bool.self) ?? false
        guard bound else {
            throw LoaderError.configuration("the fetch cursors record no account yet (migration 0006 is not applied); run 'stripe-oltp migrate up' first")
        }
        var cursors = FetchCursors()
        let rows = try connection.query("""
            SELECT name, created_until, event_id, account_id, livemode, api_base
            FROM stripe_oltp.fetch_cursors ORDER BY name = 'events' DESC, name
            """).rows
        for row in rows {
            let name = try row.require("name", as: String.self)
            if cursors.account == nil, let id = try row.decode("account_id", as: String.self) {
                cursors.account = FetchAccount(id: id, livemode: try row.decode("livemode", as: Bool.self) ?? false,
                                               apiBase: try row.decode("api_base", as: String.self) ?? "")
            }
            let created = try row.require("created_until", as: Int.self)
            if name == FetchCursors.eventsName {
                cursors.eventCreated = created
                cursors.eventID = try row.decode("event_id", as: String.self)
                // The events resource is listed from the event cursor: its row is that cursor.
                cursors.objects[.events] = created
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
            INSERT INTO stripe_oltp.fetch_cursors (name, created_until, event_id, api_version, fetched_at, ingest_run_id,
                                                   account_id, livemode, api_base)
            VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7, $8, $9)
            ON CONFLICT (name) DO UPDATE SET
                created_until = CASE WHEN stripe_oltp.fetch_cursors.account_id IS NOT DISTINCT FROM EXCLUDED.account_id
                                      AND stripe_oltp.fetch_cursors.api_base IS NOT DISTINCT FROM EXCLUDED.api_base
                                     THEN GREATEST(stripe_oltp.fetch_cursors.created_until, EXCLUDED.created_until)
                                     ELSE EXCLUDED.created_until END,
                event_id = EXCLUDED.event_id, api_version = EXCLUDED.api_version,
                fetched_at = EXCLUDED.fetched_at, ingest_run_id = EXCLUDED.ingest_run_id, recorded_at = now(),
                account_id = EXCLUDED.account_id, livemode = EXCLUDED.livemode, api_base = EXCLUDED.api_base
            """
        let account = manifest.account
        try connection.transaction {
            // The events resource has no cursor of its own: the event cursor below is its cursor.
            for entry in manifest.resources where entry.status == .complete && ingested.contains(entry.resource)
                && entry.resource != .events {
                guard let cursor = entry.cursor else { continue }
                try connection.query(upsert, [entry.resource.rawValue, Int64(cursor), nil as String?, manifest.apiVersion,
                                              fetchedAtText, runID, account?.id, account?.livemode, account?.apiBase])
                written.append(entry.resource.rawValue)
            }
            let everything = manifest.complete && manifest.resources.allSatisfy { ingested.contains($0.resource) }
                && Set(manifest.resources.map(\.resource)) == Set(Resource.allCases)
            if everything {
                // The event cursor is not GREATEST-merged: it is where the ingested fetch began.
                try connection.query("""
                    INSERT INTO stripe_oltp.fetch_cursors (name, created_until, event_id, api_version, fetched_at, ingest_run_id,
                                                           account_id, livemode, api_base)
                    VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7, $8, $9)
                    ON CONFLICT (name) DO UPDATE SET created_until = EXCLUDED.created_until, event_id = EXCLUDED.event_id,
                        api_version = EXCLUDED.api_version, fetched_at = EXCLUDED.fetched_at,
                        ingest_run_id = EXCLUDED.ingest_run_id, recorded_at = now(),
                        account_id = EXCLUDED.account_id, livemode = EXCLUDED.livemode, api_base = EXCLUDED.api_base
                    """, [FetchCursors.eventsName, Int64(manifest.events.cursorCreated), manifest.events.cursorID,
                          manifest.apiVersion, fetchedAtText, runID, account?.id, account?.livemode, account?.apiBase])
                written.append(FetchCursors.eventsName)
            }
        }
        return written
    }
}
