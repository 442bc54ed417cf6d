import ArgumentParser
import Foundation
import StripeOLTP
import Synchronization
import WebhookServer

/// `stripe-oltp serve`: receives Stripe webhooks, verifies their signatures, applies verified
/// events to the database, and answers `/healthz` and `/metrics`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive Stripe webhooks at POST /webhooks/stripe and apply them; GET /healthz and /metrics.",
        discussion: """
            Secrets come from STRIPE_WEBHOOK_SECRET (one or more whsec_… secrets, comma-separated, for rotation); \
            they are never printed. Thin events are re-retrieved with STRIPE_SECRET_KEY when it is set (else quarantined). A bad or stale signature is answered 400 and nothing is written; a verified event \
            is queued durably in the database (stripe_oltp.event_queue) and answered 200 {"outcome":"queued"}; a \
            background applier applies the queue in batches (events left queued by a stopped serve are applied on the \
            next start). With --inline each event is applied before it is answered, with its outcome (applied, \
            duplicate, stale, unknown, quarantined). 503 when the database cannot record it, so that Stripe retries. \
            Stops on SIGINT or SIGTERM.
            """)

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0 picks a free one).")
    var port = 8765

    @Option(name: .long, help: "Largest accepted age of a signature, in seconds (0: no age check).")
    var tolerance = WebhookSignatureVerifier.defaultToleranceSeconds

    @Option(name: .long, help: "Database connections (worker threads) applying events.")
    var connections = 4

    @Option(name: .customLong("summary-interval"),
            help: "Seconds between webhook.summary telemetry rows (written only when webhooks came in, and at shutdown).")
    var summaryInterval = 300.0

    @Flag(name: .long, help: "Apply each event before answering it (its outcome in the answer) instead of queueing it.")
    var inline = false

    @Option(name: .long, help: "Most queued events the background applier takes per transaction.")
    var batchSize = 500

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard tolerance >= 0 else { throw ValidationError("--tolerance cannot be negative") }
        guard (1...64).contains(connections) else { throw ValidationError("--connections must be between 1 and 64") }
        guard summaryInterval >= 1 && summaryInterval <= 86_400 else {
            throw ValidationError("--summary-interval must be between 1 and 86400 seconds")
        }
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 10000") }
    }

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let secrets = WebhookSignatureVerifier.secrets(fromList: settings["STRIPE_WEBHOOK_SECRET"] ?? "")
            guard !secrets.isEmpty else { throw WebhookServerError.noSecrets }
            let url = try database.url(settings)
            let schema = try database.schema(settings)
            CommandFailure.printDetail("database \(DatabaseOptions.describe(url)), schema \(schema); \(secrets.count) webhook secret(s)")
            let verifier = WebhookSignatureVerifier(secrets: secrets, toleranceSeconds: tolerance)
            if inline {
                let receiver = WebhookReceiver(verifier: verifier, workers: connections) {
                    try DatabaseEventSink(url: url, schema: schema,
                                          retriever: try StripeKeyClient.make(settings, required: false).map(EventObjectRetriever.init))
                }
                let summaries = startSummaries(receiver.metrics, url: url, schema: schema)
                defer { summaries.flush() }
                try Self.serve(WebhookServer(receiver: receiver, host: host, port: port))
                return
            }
            let metrics = WebhookMetrics()
            // Flushed last (after the worker stops), so the events it applied at the end are counted.
            let summaries = startSummaries(metrics, url: url, schema: schema)
            defer { summaries.flush() }
            let retriever = try StripeKeyClient.make(settings, required: false).map(EventObjectRetriever.init)
            let worker = EventQueueWorker(url: url, schema: schema, applier: EventApplier(retriever: retriever), metrics: metrics,
                                          batchSize: batchSize, logger: CLILog.logger("serve"))
            let receiver = WebhookReceiver(verifier: verifier, workers: connections, metrics: metrics) {
                try QueueingEventSink(url: url, schema: schema, onQueued: worker.wake)
            }
            worker.start()
            defer { worker.stop() }
            try Self.serve(WebhookServer(receiver: receiver, host: host, port: port))
        }
    }

    /// Starts writing `webhook.summary` telemetry of `metrics` into `schema` of the database `url` names.
    private func startSummaries(_ metrics: WebhookMetrics, url: String, schema: SchemaName) -> WebhookSummaryRecorder {
        let summaries = WebhookSummaryRecorder(metrics: metrics, interval: summaryInterval,
                                               connect: { try schema.connect(url) })
        summaries.start()
        return summaries
    }

    /// Runs `server` until SIGINT/SIGTERM, announcing the bound address on standard output.
    private static func serve(_ server: WebhookServer) throws {
        let finished = DispatchSemaphore(value: 0)
        let failure = Mutex<(any Error)?>(nil)
        let host = server.host
        Task {
            do {
                try await server.run(handleSignals: true) { port in
                    let line = "serve: listening on http://\(host):\(port) (webhooks at POST \(WebhookReceiver.webhookPath))\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            } catch {
                failure.withLock { $0 = error }
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
