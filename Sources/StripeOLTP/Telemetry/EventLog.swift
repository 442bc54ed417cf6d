import Foundation
import Postgres
import StripeHTTP

/// Run telemetry: writes structured events (`ingest.started`, `fetch.completed`, …) into
/// `stripe_oltp.event_log`. Every payload carries the run id, the schema, the Stripe API version,
/// the host and the duration, then the event's own fields. The schema is the one the connection
/// works in (`SchemaName.bound(to:)`), whose bookkeeping schema holds the log.
public enum EventLog {
    /// Records `event` of run `runID` that took `seconds`, with `details` (any JSON object,
    /// encoded with snake_case keys) merged into the common fields.
    public static func record<Details: Encodable>(
        _ event: String, runID: String, seconds: Double, details: Details, connection: PGConnection
    ) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let detailsJSON = String(decoding: try encoder.encode(details), as: UTF8.self)
        try connection.query("""
            INSERT INTO stripe_oltp.event_log (event, run_id, schema, payload)
            VALUES ($1, $2, $3, $4::jsonb || jsonb_build_object(
                'run_id', $2::text, 'schema', $3::text, 'api_version', $5::text, 'host', $6::text, 'duration_seconds', $7::float8))
            """, [event, runID, SchemaName.bound(to: connection).data, detailsJSON, StripeClientConfiguration.defaultAPIVersion,
                  ProcessInfo.processInfo.hostName, seconds])
    }

    /// A new run id for a command that has none of its own (fetch, check, populate).
    public static func newRunID() -> String {
        UUID().uuidString.lowercased()
    }
}
