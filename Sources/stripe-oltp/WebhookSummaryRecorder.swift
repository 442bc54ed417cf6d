import Foundation
import Postgres
import WebhookServer

/// `serve`'s run telemetry: one `webhook.summary` event in `stripe_oltp.event_log` per period
/// in which webhooks came in (received, refused, per outcome; `duration_seconds` is the period
/// covered), every `interval` seconds and once more at shutdown — one row per period, not one
/// per webhook, so the table is not flooded.
final class WebhookSummaryRecorder: @unchecked Sendable {
    private let metrics: WebhookMetrics
    private let interval: Double
    private let connect: @Sendable () throws -> PGConnection
    private let lock = NSLock()
    private var periodStart = Date()

    /// A recorder of `metrics` into the database (and schema) `connect` opens, every `interval` seconds.
    init(metrics: WebhookMetrics, interval: Double, connect: @escaping @Sendable () throws -> PGConnection) {
        precondition(interval > 0, "the summary interval must be positive")
        self.metrics = metrics
        self.interval = interval
        self.connect = connect
    }

    /// Starts the background thread writing a summary every `interval` seconds.
    func start() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: interval)
                flush()
            }
        }
        thread.name = "webhook-summary"
        thread.start()
    }

    /// Records what came in since the previous summary, if anything did.
    func flush() {
        lock.lock()
        defer { lock.unlock() }
        let tally = metrics.takeTally()
        let now = Date()
        defer { periodStart = now }
        guard !tally.isEmpty else { return }
        Telemetry.record("webhook.summary", seconds: now.timeIntervalSince(periodStart), details: tally, connect: connect)
    }
}
