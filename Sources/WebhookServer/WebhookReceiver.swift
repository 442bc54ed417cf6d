import Foundation
import StripeOLTP

/// What `serve` answers, independent of the HTTP framework: verifies `POST /webhooks/stripe`
/// before anything reads the body, hands verified events to the sinks of its pool, and answers
/// `GET /healthz` and `GET /metrics`.
public final class WebhookReceiver: Sendable {
    /// The path Stripe delivers to.
    public static let webhookPath = "/webhooks/stripe"

    /// The verifier of `Stripe-Signature`.
    public let verifier: WebhookSignatureVerifier
    /// The process's metrics.
    public let metrics: WebhookMetrics
    private let pool: SinkWorkerPool
    private let clock: @Sendable () -> Int

    /// A receiver checking signatures with `verifier` and applying through sinks made by
    /// `makeSink`, one per worker thread (`workers` of them); `clock` gives Unix seconds;
    /// `metrics` (shared with a queue worker, if any) counts what happens.
    public init(verifier: WebhookSignatureVerifier, workers: Int = 4,
                clock: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) },
                metrics: WebhookMetrics = WebhookMetrics(),
                makeSink: @escaping @Sendable () throws -> any VerifiedEventSink) {
        self.verifier = verifier
        self.metrics = metrics
        self.pool = SinkWorkerPool(threads: workers, makeSink: makeSink)
        self.clock = clock
    }

    /// Answers one request: `method` (upper case), `path` (no query), the `Stripe-Signature`
    /// header and the raw body.
    public func respond(method: String, path: String, signature: String?, body: [UInt8]) async -> WebhookAnswer {
        switch (method, path) {
        case ("POST", Self.webhookPath): return await receive(signature: signature, body: body)
        case ("GET", "/healthz"): return await health()
        case ("GET", "/metrics"):
            return WebhookAnswer(status: 200, contentType: "text/plain; version=0.0.4", text: metrics.render(now: clock()))
        default:
            return .json(404, ["error": "no route for \(method) \(path)"])
        }
    }

    private func receive(signature: String?, body: [UInt8]) async -> WebhookAnswer {
        metrics.countReceived()
        do {
            try verifier.verify(payload: body, header: signature, now: clock())
        } catch {
            metrics.countRejectedSignature()
            return .json(400, ["error": error.description])
        }
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let result = try await pool.run { sink in try sink.apply(verifiedEvent: body) }
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            metrics.record(result, nanoseconds: Int64(elapsed))
            return .json(200, ["received": "true", "outcome": result.outcome.rawValue])
        } catch {
            metrics.countUnavailable()
            return .json(503, ["error": "the event could not be recorded; retry later: \(Secrets.redact(String(describing: error)))"])
        }
    }

    private func health() async -> WebhookAnswer {
        do {
            try await pool.run { sink in try sink.checkHealth() }
            return .json(200, ["status": "ok"])
        } catch {
            return .json(503, ["status": "unavailable", "error": Secrets.redact(String(describing: error))])
        }
    }
}
