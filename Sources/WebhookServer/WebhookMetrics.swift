import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The counters, latency histograms and gauges of one `serve` process, through swift-metrics
/// into a Prometheus registry of its own, rendered in Prometheus' text format on `/metrics`.
///
/// `received` counts requests to the webhook path and `queued` the verified events acknowledged
/// into the intake queue; the outcome counters (`applied`, `duplicate`, `stale`, `unknown`,
/// `quarantined`) count events once they are applied (by the queue worker, or before answering
/// with `--inline`), so with the queue they trail `queued` by the queue depth.
public final class WebhookMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let received: CoreMetrics.Counter
    private let rejectedSignature: CoreMetrics.Counter
    private let unavailable: CoreMetrics.Counter
    private let outcomes: [VerifiedEventOutcome: CoreMetrics.Counter]
    private let applyLatency: CoreMetrics.Timer
    private let ackLatency: CoreMetrics.Timer
    private let lag: CoreMetrics.Gauge
    private let queueDepth: CoreMetrics.Gauge
    private let applyFailures: CoreMetrics.Counter
    private let newestApplied = Mutex<Int?>(nil)
    private let tally = Mutex(WebhookTally())

    /// Creates the metrics, all at zero.
    public init() {
        let factory = PrometheusMetricsFactory(registry: registry)
        received = Counter(label: "stripe_webhook_events_received_total", factory: factory)
        rejectedSignature = Counter(label: "stripe_webhook_events_rejected_signature_total", factory: factory)
        unavailable = Counter(label: "stripe_webhook_events_unavailable_total", factory: factory)
        var outcomes: [VerifiedEventOutcome: CoreMetrics.Counter] = [:]
        for outcome in VerifiedEventOutcome.allCases {
            outcomes[outcome] = Counter(label: "stripe_webhook_events_\(outcome.rawValue)_total", factory: factory)
        }
        self.outcomes = outcomes
        applyLatency = Timer(label: "stripe_webhook_apply_seconds", factory: factory)
        ackLatency = Timer(label: "stripe_webhook_ack_seconds", factory: factory)
        lag = Gauge(label: "stripe_webhook_lag_seconds", factory: factory)
        queueDepth = Gauge(label: "stripe_webhook_queue_depth", factory: factory)
        queueDepth.record(0)
        applyFailures = Counter(label: "stripe_webhook_apply_failures_total", factory: factory)
    }

    /// Counts a failed attempt of the queue applier (the database unreachable or refusing a batch
    /// as a whole): its events stay queued and are tried again.
    public func countApplyFailure() { applyFailures.increment() }

    /// Counts a request to the webhook path.
    public func countReceived() {
        received.increment()
        tally.withLock { $0.received += 1 }
    }

    /// Counts a request refused for its signature.
    public func countRejectedSignature() {
        rejectedSignature.increment()
        tally.withLock { $0.rejectedSignature += 1 }
    }

    /// Counts a verified event answered 503 because the database failed.
    public func countUnavailable() {
        unavailable.increment()
        tally.withLock { $0.unavailable += 1 }
    }

    /// Records one answered event: its outcome and how long answering took (for an event applied
    /// before the answer, that is also its apply latency).
    public func record(_ result: VerifiedEventResult, nanoseconds: Int64) {
        ackLatency.recordNanoseconds(nanoseconds)
        if result.outcome == .queued {
            outcomes[.queued]?.increment()
            tally.withLock { $0.count(.queued) }
        } else {
            recordApplied(result, nanoseconds: nanoseconds)
        }
    }

    /// Records one event applied from the queue: its outcome, the time from its arrival to its
    /// application, and its `created` time.
    public func recordApplied(_ result: VerifiedEventResult, nanoseconds: Int64) {
        outcomes[result.outcome]?.increment()
        tally.withLock { $0.count(result.outcome) }
        applyLatency.recordNanoseconds(max(0, nanoseconds))
        guard let created = result.eventCreated, result.outcome == .applied else { return }
        newestApplied.withLock { newest in newest = max(newest ?? created, created) }
    }

    /// The counts since the previous call (or the start), then starts counting again from zero.
    public func takeTally() -> WebhookTally {
        tally.withLock { current in
            defer { current = WebhookTally() }
            return current
        }
    }

    /// Sets the queue depth gauge: events queued and not yet applied.
    public func setQueueDepth(_ depth: Int) { queueDepth.record(depth) }

    /// The metrics in Prometheus' text format, the lag gauge set to `now` (Unix seconds) minus
    /// the newest applied event's `created` (0 before any).
    public func render(now: Int) -> String {
        let newest = newestApplied.withLock { $0 }
        lag.record(newest.map { max(0, now - $0) } ?? 0)
        return registry.emitToString()
    }
}
