import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeJSON
import StripeOLTP
import StripeSchema
import TestSupport
import Testing
import WebhookServer

/// The emulator delivers its webhooks to a running `serve` on a fresh database while objects
/// are created; once every delivery is done, a full fetch of the same emulator, ingested into a
/// second fresh database, and `check` of the served database against that fetch must agree —
/// also with every other delivery sent twice, and delayed; and through the durable queue with
/// every delivery shuffled and sent at once (same-second events out of order: the lifecycle
/// rank and re-retrieval of ties put them right).
@Suite("Webhooks end to end: emulator → serve → the database a full fetch gives", .needsDatabase)
struct WebhookEndToEndTests {
    @Test("the served database equals a full fetch + ingest of the same emulator (check exits 0)",
          arguments: [[], [("webhook_duplicate_every", "2"), ("webhook_delay_ms", "2")]]
            as [[(String, String)]])
    func servedEqualsFetched(faults: [(String, String)]) async throws {
        try await serve(faults: faults, queued: false)
    }

    @Test("through the durable queue, with a key for same-second ties, every delivery shuffled, sent at once and every other one twice: the served database equals a full fetch")
    func queuedShuffledEqualsFetched() async throws {
        try await serve(faults: [("webhook_burst", "1000"), ("webhook_shuffle", "1"), ("webhook_duplicate_every", "2")], queued: true)
    }

    /// Serves the emulator's webhooks (applied inline, or queued and applied by the queue
    /// worker with the emulator as the API for re-retrievals) while objects are created under
    /// `faults`, then checks the served database against a full fetch.
    private func serve(faults: [(String, String)], queued: Bool) async throws {
        try await TestDatabase.asyncWith { served in
            let running = try await EmulatorServer(emulator: try Emulator(), host: "127.0.0.1", port: 0).start()
            let endpoint = try await DedicatedThreadExecutor.run {
                try stripe(running, .post, "/v1/webhook_endpoints",
                           [("url", "http://127.0.0.1:9/not-yet"), ("enabled_events", .array(["*"]))])
            }
            let endpointID = try #require(endpoint["id"]?.stringValue)
            let secret = try #require(endpoint["secret"]?.stringValue)
            let metrics = WebhookMetrics()
            let retriever = EventObjectRetriever(client: try StripeClient(configuration: try emulatorConfiguration(running)))
            let worker = EventQueueWorker(url: served.url, applier: EventApplier(retriever: retriever), metrics: metrics)
            let receiver = WebhookReceiver(verifier: WebhookSignatureVerifier(secrets: [secret]), workers: 2, metrics: metrics) {
                queued ? try QueueingEventSink(url: served.url, onQueued: worker.wake) as any VerifiedEventSink
                    : try DatabaseEventSink(url: served.url)
            }
            if queued { worker.start() }
            let server = try await WebhookServer(receiver: receiver, host: "127.0.0.1", port: 0).start()
            let outcome: Result<Void, any Error> = await DedicatedThreadExecutor.run {
                Result {
                    try stripe(running, .post, "/v1/webhook_endpoints/\(endpointID)", [("url", .string(server.webhookURL))])
                    if !faults.isEmpty {
                        running.emulator.setFaults(try FaultConfiguration.from(
                            Dictionary(uniqueKeysWithValues: faults.map { ($0.0, StripeEmulator.JSONValue.string($0.1)) }),
                            base: FaultConfiguration()))
                    }
                    try Self.createObjects(running)
                    running.emulator.flushWebhooks()
                    try Self.waitForDeliveries(running.emulator)
                    let log = running.emulator.webhookDeliveries
                    #expect(!log.isEmpty)
                    #expect(log.allSatisfy { $0.succeeded || !$0.signedCorrectly }, "\(log.filter { !$0.succeeded })")
                    running.emulator.setFaults(FaultConfiguration())
                    if queued { try Self.waitForEmptyQueue(try served.connect()) }
                    try Self.checkAgainstFetch(running, served: served)
                }
            }
            worker.stop()
            await server.stop()
            await running.stop()
            try outcome.get()
        }
    }

    /// A small account: a product and price, two customers, a card attached, a paid subscription, an update.
    static func createObjects(_ running: RunningEmulator) throws {
        let product = try stripe(running, .post, "/v1/products", [("name", "Webhook plan")])
        let price = try stripe(running, .post, "/v1/prices", [
            ("product", .string(product["id"]?.stringValue ?? "")), ("currency", "usd"), ("unit_amount", "900"),
            ("recurring", .object([("interval", "month")])),
        ])
        let customer = try stripe(running, .post, "/v1/customers", [("email", "hooked@example.com")])
        let customerID = customer["id"]?.stringValue ?? ""
        _ = try stripe(running, .post, "/v1/customers", [("email", "second@example.com"), ("name", "Second")])
        let method = try stripe(running, .post, "/v1/payment_methods/pm_card_visa/attach", [("customer", .string(customerID))])
        _ = try stripe(running, .post, "/v1/subscriptions", [
            ("customer", .string(customerID)), ("items", .array([.object([("price", .string(price["id"]?.stringValue ?? ""))])])),
            ("default_payment_method", .string(method["id"]?.stringValue ?? "")),
        ])
        _ = try stripe(running, .post, "/v1/customers/\(customerID)", [("name", "Hooked"), ("metadata", .object([("tier", "gold")]))])
    }

    /// Polls the emulator's delivery log until nothing is under way (at most about 60 s).
    static func waitForDeliveries(_ emulator: Emulator) throws {
        for _ in 0..<6_000 where emulator.pendingWebhookDeliveries > 0 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(emulator.pendingWebhookDeliveries == 0, "webhook deliveries still under way")
    }

    /// Polls until the queue is applied (at most about 60 s).
    static func waitForEmptyQueue(_ connection: PGConnection) throws {
        for _ in 0..<6_000 where try EventQueue.depth(on: connection) > 0 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(try EventQueue.depth(on: connection) == 0, "the queue was not applied")
    }

    /// Fetches the emulator into a fresh folder and database, then checks the served database against it.
    static func checkAgainstFetch(_ running: RunningEmulator, served: TestDatabase) throws {
        try TestDatabase.with { fetched in
            let directory = try TestEnvironment.temporaryDirectory().path
            let environment = fetchEnvironment(running)
            let fetchRun = try CLI.run(["fetch", "--out", directory, "--database-url", fetched.url], environment: environment)
            #expect(fetchRun.status == 0, "fetch failed: \(fetchRun.stderr)")
            let ingested = try CLI.run(["ingest", "all", "--dir", directory, "--database-url", fetched.url], environment: environment)
            #expect(ingested.status == 0, "ingest failed: \(ingested.stderr)")
            let againstFetched = try CLI.run(["check", "--dir", directory, "--database-url", fetched.url])
            #expect(againstFetched.status == 0, "the fetched database does not match its dump: \(againstFetched.stdout)")
            // Balance transactions have no events at all, so no webhook brings them: only fetch
            // does. The served database is compared with the fetch without them, and has none.
            let withoutEventless = try TestEnvironment.temporaryDirectory()
            for name in try FileManager.default.contentsOfDirectory(atPath: directory)
            where name != Resource.balanceTransactions.fileName {
                try FileManager.default.copyItem(atPath: directory + "/" + name, toPath: withoutEventless.appendingPathComponent(name).path)
            }
            let againstServed = try CLI.run(["check", "--dir", withoutEventless.path, "--database-url", served.url])
            #expect(againstServed.status == 0, "the served database differs from a full fetch: \(againstServed.stdout) \(againstServed.stderr)")
            let connection = try served.connect()
            #expect(try connection.query("SELECT count(*) FROM stripe.customers WHERE NOT is_placeholder").scalar(Int.self) == 2)
            #expect(try connection.query("SELECT count(*) FROM stripe.balance_transactions").scalar(Int.self) == 0)
            #expect(try connection.query("SELECT count(*) FROM stripe.events").scalar(Int.self) == running.emulator.withState { $0.table(.event).count })
        }
    }
}
