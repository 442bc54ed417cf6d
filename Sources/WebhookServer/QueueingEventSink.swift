import Postgres
import StripeOLTP

/// The sink `serve` uses by default: inserts each verified event into the durable intake queue
/// (`stripe_oltp.event_queue`, one committed statement) and answers `queued`, so the answer
/// comes fast whatever the load; an ``EventQueueWorker`` applies the queue in batches.
public final class QueueingEventSink: VerifiedEventSink {
    private let connection: PGConnection
    private let onQueued: @Sendable () -> Void

    /// Connects to `url`, working in `schema`; `onQueued` runs after each event is queued (to
    /// wake the worker).
    public init(url: String, schema: SchemaName = .default, onQueued: @escaping @Sendable () -> Void = {}) throws {
        connection = try schema.connect(url)
        self.onQueued = onQueued
    }

    /// Queues one verified event; throws only when the database failed (nothing was queued).
    public func apply(verifiedEvent payload: [UInt8]) throws -> VerifiedEventResult {
        try EventQueue.enqueue(payload, on: connection)
        onQueued()
        return VerifiedEventResult(outcome: .queued)
    }

    /// Runs `SELECT 1`.
    public func checkHealth() throws {
        _ = try connection.query("SELECT 1")
    }
}
