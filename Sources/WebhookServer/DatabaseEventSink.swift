import Postgres
import StripeJSON
import StripeOLTP

/// The sink of `serve --inline`: one blocking connection to the database, applying each verified
/// event before it is answered, through the live sync apply path (``EventApplier``: its own transaction per event, duplicates
/// and older events recognised, unknown types stored, failures quarantined).
public final class DatabaseEventSink: VerifiedEventSink {
    private let connection: PGConnection
    private let applier: EventApplier

    /// Connects to `url`, working in `schema`; `retriever` (a Stripe key's client) re-retrieves
    /// thin events' objects.
    public init(url: String, schema: SchemaName = .default, retriever: EventObjectRetriever? = nil) throws {
        connection = try schema.connect(url)
        applier = EventApplier(retriever: retriever)
    }

    /// Applies one verified event; throws only when the database failed.
    public func apply(verifiedEvent payload: [UInt8]) throws -> VerifiedEventResult {
        let outcome = try applier.apply(eventJSON: payload, on: connection)
        guard outcome == .applied else { return VerifiedEventResult(outcome: VerifiedEventOutcome(outcome)) }
        let created = (try? JSONParser.parse(payload))?["created"]?.int64Value.map { Int($0) }
        return VerifiedEventResult(outcome: .applied, eventCreated: created)
    }

    /// Runs `SELECT 1`.
    public func checkHealth() throws {
        _ = try connection.query("SELECT 1")
    }
}
