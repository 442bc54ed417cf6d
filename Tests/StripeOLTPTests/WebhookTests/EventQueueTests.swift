import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport
import WebhookServer

/// `serve`'s durable intake: a verified event is queued in the database before it is answered,
/// and the background applier applies the queue; acknowledged events survive a stop.
@Suite("Durable event queue", .needsDatabase)
struct EventQueueTests {
    private typealias F = EventFixture
    typealias Vectors = WebhookSignatureVerifierTests

    /// Polls until the queue of `connection`'s database is empty (at most about 60 s).
    static func waitForEmptyQueue(_ connection: PGConnection) async throws {
        for _ in 0..<6_000 where try EventQueue.depth(on: connection) > 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try EventQueue.depth(on: connection) == 0, "the queue was not applied")
    }

    @Test("events acknowledged but not applied when serve stopped are applied when the applier next starts, each once")
    func queuedEventsSurviveAStop() async throws {
        try await TestDatabase.asyncWith { db in
            let connection = try db.connect()
            let bodies = (0..<3).map { F.event("evt_q\($0)", "customer.created", created: F.t0, object: F.customer("cus_q\($0)", email: "q\($0)@example.com")) }
            // What the intake did before the process stopped: queued (and acknowledged), nothing applied.
            for body in bodies + [bodies[1]] { try EventQueue.enqueue(body, on: connection) }
            #expect(try EventQueue.depth(on: connection) == 4)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.customers") == 0)

            let metrics = WebhookMetrics()
            let worker = EventQueueWorker(url: db.url, applier: EventApplier(), metrics: metrics, batchSize: 2)
            worker.start()
            try await Self.waitForEmptyQueue(connection)
            worker.stop()
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.customers") == 3)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.events") == 3)
            let text = metrics.render(now: F.t0 + 10)
            #expect(text.contains("stripe_webhook_events_applied_total 3"), "\(text)")
            #expect(text.contains("stripe_webhook_events_duplicate_total 1"))
            #expect(text.contains("stripe_webhook_queue_depth 0"))
            #expect(text.contains("stripe_webhook_lag_seconds 10"))
        }
    }

    @Test("an applier whose database fails keeps the events queued, counts each failed attempt and logs it without the connection's password")
    func applyFailuresCountedAndLogged() async throws {
        let metrics = WebhookMetrics()
        let log = NoticeLog()
        // Nothing listens on port 9: every attempt fails to connect.
        let worker = EventQueueWorker(url: "postgres://stripe:s3cret-pw@127.0.0.1:9/none", applier: EventApplier(), metrics: metrics,
                                      idleSeconds: 0.05, logger: log.logger)
        worker.start()
        for _ in 0..<1_000 where log.all.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        worker.stop()
        let text = metrics.render(now: F.t0)
        #expect(!text.contains("stripe_webhook_apply_failures_total 0"), "\(text)")
        #expect(text.contains("stripe_webhook_apply_failures_total"), "\(text)")
        let line = try #require(log.all.first)
        #expect(line.contains("applying queued events failed"), "\(line)")
        #expect(line.contains("stay queued"))
        #expect(!line.contains("s3cret-pw"), "the connection's password is not in the message: \(line)")
        #expect(text.contains("stripe_webhook_events_applied_total 0"))
    }

    @Test("serve answers queued at once; received and queued count requests, applied, duplicates and the queue depth follow the applier")
    func serveQueuesThenApplies() async throws {
        try await TestDatabase.asyncWith { db in
            let connection = try db.connect()
            let metrics = WebhookMetrics()
            let worker = EventQueueWorker(url: db.url, applier: EventApplier(), metrics: metrics)
            let receiver = WebhookReceiver(verifier: WebhookSignatureVerifier(secrets: [Vectors.secretOne]), workers: 2,
                                           clock: { Vectors.signedAt + 5 }, metrics: metrics) {
                try QueueingEventSink(url: db.url, onQueued: worker.wake)
            }
            let server = try await WebhookServer(receiver: receiver, host: "127.0.0.1", port: 0).start()
            let body = F.event("evt_served", "customer.created", created: Vectors.signedAt, object: F.customer("cus_served", email: "s@example.com"))
            let header = try WebhookServerTests.header(for: body)
            let first = await WebhookHTTP.deliver(server.webhookURL, body: body, signature: header)
            let again = await WebhookHTTP.deliver(server.webhookURL, body: body, signature: header)
            let bad = await WebhookHTTP.deliver(server.webhookURL, body: body, signature: "t=\(Vectors.signedAt),v1=00")
            #expect(first.status == 200 && first.text.contains(#""outcome":"queued""#), "\(first.text)")
            #expect(again.status == 200 && again.text.contains(#""outcome":"queued""#))
            #expect(bad.status == 400)
            worker.start()
            try await Self.waitForEmptyQueue(connection)
            worker.stop()
            let text = await WebhookHTTP.send("GET", server.baseURL + "/metrics").text
            await server.stop()
            #expect(try F.value(connection, "SELECT email FROM stripe.customers WHERE id = 'cus_served'") == "s@example.com")
            #expect(text.contains("stripe_webhook_events_received_total 3"), "\(text)")
            #expect(text.contains("stripe_webhook_events_queued_total 2"))
            #expect(text.contains("stripe_webhook_events_applied_total 1"))
            #expect(text.contains("stripe_webhook_events_duplicate_total 1"))
            #expect(text.contains("stripe_webhook_events_rejected_signature_total 1"))
            #expect(text.contains("stripe_webhook_ack_seconds_count 2"))
            #expect(text.contains("stripe_webhook_apply_seconds_count 2"))
            #expect(text.contains("stripe_webhook_queue_depth 0"))
        }
    }

    @Test("a second applier on the same database waits for the drain lease: the queue is applied once")
    func oneDrainerPerDatabase() async throws {
        try await TestDatabase.asyncWith { db in
            let connection = try db.connect()
            for index in 0..<40 {
                try EventQueue.enqueue(F.event("evt_l\(index)", "customer.created", created: F.t0,
                                               object: F.customer("cus_l\(index % 7)", email: "l\(index)@example.com")), on: connection)
            }
            let metrics = WebhookMetrics()
            let workers = (0..<2).map { _ in EventQueueWorker(url: db.url, applier: EventApplier(), metrics: metrics, batchSize: 3) }
            for worker in workers { worker.start() }
            try await Self.waitForEmptyQueue(connection)
            for worker in workers { worker.stop() }
            let text = metrics.render(now: F.t0)
            #expect(text.contains("stripe_webhook_events_duplicate_total 0"), "\(text)")
            #expect(try F.count(connection, "SELECT count(*) FROM stripe_oltp.event_applications") == 40)
            #expect(try F.count(connection, "SELECT count(*) FROM stripe.customers") == 7)
        }
    }

    @Test("in a schema of its own, the queue and its applier stay in that schema; an event of the other mode in a batch is quarantined alone")
    func queuePerSchema() async throws {
        try await TestDatabase.asyncWith { db in
            let schema = try SchemaName("stripe_test")
            let bound = try db.connect()
            schema.bind(bound)
            try Migrator(connection: bound, migrations: try MigrationSet(directory: TestEnvironment.migrationsDirectory),
                         environment: .test).up()
            let sink = try QueueingEventSink(url: db.url, schema: schema)
            var live = try #require(try JSONSerialization.jsonObject(with: Data(F.event(
                "evt_live", "customer.created", created: F.t0, object: F.customer("cus_live", email: "l@example.com")))) as? [String: Any])
            live["livemode"] = true
            for body in [F.event("evt_test", "customer.created", created: F.t0, object: F.customer("cus_test", email: "t@example.com")),
                         Array(try JSONSerialization.data(withJSONObject: live))] {
                #expect(try sink.apply(verifiedEvent: body).outcome == .queued)
            }
            let plain = try db.connect()
            #expect(try F.count(plain, "SELECT count(*) FROM stripe_test_oltp.event_queue") == 2)
            #expect(try F.count(plain, "SELECT count(*) FROM stripe_oltp.event_queue") == 0)
            let worker = EventQueueWorker(url: db.url, schema: schema, applier: EventApplier(), metrics: WebhookMetrics())
            worker.start()
            try await Self.waitForEmptyQueue(bound)
            worker.stop()
            #expect(try plain.query("SELECT string_agg(id, ',') FROM stripe_test.customers").scalar(String.self) == "cus_test")
            #expect(try F.count(plain, "SELECT count(*) FROM stripe.customers") == 0)
            #expect(try plain.query("SELECT event_id FROM stripe_test_oltp.event_quarantine").scalar(String.self) == "evt_live")
        }
    }
}
