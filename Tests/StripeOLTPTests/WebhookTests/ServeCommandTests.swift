import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// The built `stripe-oltp serve`: refuses to start without a secret, and serves a real database.
/// `--tolerance 0` lets the fixed vectors of ``WebhookSignatureVerifierTests`` (signed in 2023)
/// stand for fresh deliveries.
@Suite("stripe-oltp serve (the built executable)")
struct ServeCommandTests {
    typealias Vectors = WebhookSignatureVerifierTests

    @Test("without STRIPE_WEBHOOK_SECRET serve exits 1 and says what it needs")
    func needsSecret() throws {
        let result = try CLI.run(["serve", "--port", "0"], environment: ["STRIPE_WEBHOOK_SECRET": " , "])
        #expect(result.status == 1)
        #expect(result.stderr.contains("serve needs STRIPE_WEBHOOK_SECRET"))
    }

    @Test("whsec_ secrets are redacted in anything the CLI prints")
    func secretsRedacted() {
        #expect(Secrets.redact("secret whsec_abc123XYZ, next") == "secret whsec•••, next")
    }

    @Test("serve listens, answers /healthz, queues and applies signed events under either rotated secret, refuses a bad one, stops on SIGTERM, never printing a secret",
          .needsDatabase)
    func servesDatabase() async throws {
        try await TestDatabase.asyncWith { database in
            let output = try TestEnvironment.temporaryDirectory().appendingPathComponent("serve.log")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            let process = Process()
            process.executableURL = TestEnvironment.binary
            process.arguments = ["serve", "--port", "0", "--tolerance", "0", "--connections", "2", "--database-url", database.url]
            process.currentDirectoryURL = TestEnvironment.cliDirectory
            var environment = ProcessInfo.processInfo.environment
            environment["STRIPE_WEBHOOK_SECRET"] = "\(Vectors.secretOne),\(Vectors.secretTwo)"
            process.environment = environment
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            let base = try #require(try await Self.listeningURL(in: output, process: process), "serve did not announce its address")
            #expect(await WebhookHTTP.send("GET", base + "/healthz").status == 200)
            let hook = base + "/webhooks/stripe"
            let first = await WebhookHTTP.deliver(hook, body: Vectors.body, signature: "t=\(Vectors.signedAt),v1=\(Vectors.signatureOne)")
            #expect(first.status == 200, "\(first.text)")
            let rotated = await WebhookHTTP.deliver(hook, body: Vectors.body, signature: "t=\(Vectors.signedAt),v1=\(Vectors.signatureTwo)")
            #expect(rotated.status == 200 && rotated.text.contains(#""outcome":"queued""#), "\(rotated.text)")
            let bad = await WebhookHTTP.deliver(hook, body: Vectors.body, signature: "t=\(Vectors.signedAt),v1=\(String(repeating: "0", count: 64))")
            #expect(bad.status == 400)
            try await EventQueueTests.waitForEmptyQueue(try database.connect())
            let metrics = await WebhookHTTP.send("GET", base + "/metrics").text
            #expect(metrics.contains("stripe_webhook_events_received_total 3"))
            #expect(metrics.contains("stripe_webhook_events_queued_total 2"))
            #expect(metrics.contains("stripe_webhook_events_duplicate_total 1"), "\(metrics)")
            #expect(metrics.contains("stripe_webhook_events_rejected_signature_total 1"))
            let stored = try database.connect().query("SELECT count(*) FROM stripe.events WHERE id = 'evt_1'").scalar(Int.self)
            #expect(stored == 1)
            process.terminate()
            await Self.waitForExit(process)
            try? handle.close()
            let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            #expect(!printed.contains(Vectors.secretOne) && !printed.contains(Vectors.secretTwo))
        }
    }

    /// Polls `log` until serve prints its address (or exits); the base URL.
    static func listeningURL(in log: URL, process: Process) async throws -> String? {
        for _ in 0..<2_000 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) { return String(text[range]) }
            guard process.isRunning else { return nil }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Awaits the process's exit without blocking a thread of the shared pool.
    static func waitForExit(_ process: Process) async {
        for _ in 0..<2_000 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
