import Foundation
import Logging
import Postgres
import StripeJSON
import StripeOLTP

/// The background applier of `serve`: on a dedicated thread with its own database connection,
/// takes the queued events (`stripe_oltp.event_queue`) oldest first, up to `batchSize` per
/// transaction, through the apply path (``EventApplier``), and records each outcome in the
/// metrics. One worker per database schema drains at a time (a session advisory lock, the drain lease);
/// others wait their turn. On start it applies what an earlier process left queued; it wakes
/// when an event is queued (``wake()``) and otherwise looks every `idleSeconds`. A database
/// failure drops the connection and tries again a second later: the events stay queued, the
/// failure is counted (`stripe_webhook_apply_failures_total`) and logged at `error`.
public final class EventQueueWorker: @unchecked Sendable {
    private let url: String
    private let schema: SchemaName
    private let applier: EventApplier
    private let metrics: WebhookMetrics
    private let batchSize: Int
    private let idleSeconds: Double
    private let logger: Logger
    private let condition = NSCondition()
    private var signalled = false
    private var stopping = false
    private var started = false
    private let finished = DispatchSemaphore(value: 0)

    /// A worker applying the queue of `url`'s `schema` through `applier`, recording outcomes in
    /// `metrics` and its failures in `logger`.
    public init(url: String, schema: SchemaName = .default, applier: EventApplier, metrics: WebhookMetrics, batchSize: Int = 500,
                idleSeconds: Double = 1, logger: Logger = .silent("stripe-oltp.serve")) {
        precondition(batchSize > 0, "a batch holds at least one event")
        self.url = url
        self.schema = schema
        self.applier = applier
        self.metrics = metrics
        self.batchSize = batchSize
        self.idleSeconds = idleSeconds
        self.logger = logger
    }

    /// Starts the worker's thread (once; later calls do nothing).
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "stripe-oltp-serve-applier"
        thread.start()
    }

    /// Tells the worker that an event was queued.
    public func wake() {
        condition.lock()
        signalled = true
        condition.signal()
        condition.unlock()
    }

    /// Stops the worker after its current batch and waits for its thread to end (its connection
    /// closed); a worker never started just stays stopped.
    public func stop() {
        condition.lock()
        let wasStarted = started && !stopping
        stopping = true
        condition.signal()
        condition.unlock()
        if wasStarted { finished.wait() }
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func run() {
        var connection: PGConnection?
        var leased = false
        while !isStopping {
            var pause = idleSeconds
            do {
                let current = try connection ?? connect()
                connection = current
                if !leased { leased = try current.tryAdvisoryLock(schema.advisoryLockKey(EventQueue.drainLeaseKey)) }
                if leased, try drain(on: current) { continue }
            } catch {
                connection?.close()
                connection = nil
                leased = false
                pause = 1
                metrics.countApplyFailure()
                logger.error("applying queued events failed (\(error)); they stay queued and are tried again in 1 s")
            }
            waitForSignal(seconds: pause)
        }
        connection?.close()
    }

    /// A connection to the database, bound to the schema.
    private func connect() throws -> PGConnection {
        try schema.connect(url)
    }

    /// Applies one batch; whether it took any event (so more may wait).
    private func drain(on connection: PGConnection) throws -> Bool {
        let drained = try EventQueue.drainBatch(batchSize, applier: applier, on: connection)
        let now = Date().timeIntervalSince1970
        for (entry, outcome) in drained {
            let kind = VerifiedEventOutcome(outcome)
            let created = kind == .applied ? (try? JSONParser.parse(entry.event.body))?["created"]?.int64Value.map { Int($0) } : nil
            metrics.recordApplied(VerifiedEventResult(outcome: kind, eventCreated: created),
                                  nanoseconds: Int64((now - entry.receivedAt) * 1e9))
        }
        metrics.setQueueDepth(try EventQueue.depth(on: connection))
        return !drained.isEmpty
    }

    private func waitForSignal(seconds: Double) {
        condition.lock()
        if !signalled && !stopping { _ = condition.wait(until: Date().addingTimeInterval(seconds)) }
        signalled = false
        condition.unlock()
    }
}
