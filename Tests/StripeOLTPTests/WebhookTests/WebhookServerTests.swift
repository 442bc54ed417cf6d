import Foundation
import StripeOLTP
import Testing
import WebhookServer

/// `serve`'s HTTP behaviour with a recording sink in place of the database: what reaches the
/// sink, the status codes Stripe sees, health and metrics. The clock is fixed at the time the
/// vectors of ``WebhookSignatureVerifierTests`` were signed.
@Suite("Webhook server")
struct WebhookServerTests {
    typealias Vectors = WebhookSignatureVerifierTests
    static let goodHeader = "t=\(Vectors.signedAt),v1=\(Vectors.signatureOne)"

    /// Runs `body` against a started server whose sink is `sink`.
    func withServer(secrets: [String] = [Vectors.secretOne], now: Int = Vectors.signedAt + 5, sink: RecordingSink = RecordingSink(),
                    _ body: (RunningWebhookServer, RecordingSink, WebhookReceiver) async throws -> Void) async throws {
        let receiver = WebhookReceiver(verifier: WebhookSignatureVerifier(secrets: secrets), workers: 2,
                                       clock: { now }, makeSink: { sink.make() })
        let server = try await WebhookServer(receiver: receiver, host: "127.0.0.1", port: 0).start()
        do {
            try await body(server, sink, receiver)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test("a verified event reaches the sink byte for byte and is answered 200 with its outcome")
    func verifiedEventApplied() async throws {
        try await withServer { server, sink, _ in
            let answer = await WebhookHTTP.deliver(server.webhookURL, body: Vectors.body, signature: Self.goodHeader)
            #expect(answer.status == 200)
            #expect(answer.text.contains(#""outcome":"applied""#))
            #expect(sink.payloads == [Vectors.body])
        }
    }

    @Test("bad signatures get 400 and nothing reaches the sink",
          arguments: [
            ("tampered body", Array(#"{"id":"evt_2","object":"event","type":"customer.created"}"#.utf8), goodHeader),
            ("wrong secret", Vectors.body, "t=\(Vectors.signedAt),v1=\(Vectors.signatureTwo)"),
            ("uppercase hex", Vectors.body, "t=\(Vectors.signedAt),v1=\(Vectors.signatureOne.uppercased())"),
            ("v0 only", Vectors.body, "t=\(Vectors.signedAt),v0=\(Vectors.signatureOne)"),
            ("no timestamp", Vectors.body, "v1=\(Vectors.signatureOne)"),
          ])
    func badSignatureRejected(name: String, body: [UInt8], header: String) async throws {
        try await withServer { server, sink, _ in
            let answer = await WebhookHTTP.deliver(server.webhookURL, body: body, signature: header)
            #expect(answer.status == 400, "\(name)")
            #expect(answer.text.contains("webhook signature rejected"), "\(name)")
            #expect(sink.payloads.isEmpty, "\(name)")
        }
    }

    @Test("a missing Stripe-Signature header gets 400")
    func missingHeader() async throws {
        try await withServer { server, sink, _ in
            let answer = await WebhookHTTP.deliver(server.webhookURL, body: Vectors.body, signature: nil)
            #expect(answer.status == 400)
            #expect(sink.payloads.isEmpty)
        }
    }

    @Test("a signature older than the tolerance gets 400 and nothing reaches the sink")
    func staleRejected() async throws {
        try await withServer(now: Vectors.signedAt + 301) { server, sink, _ in
            let answer = await WebhookHTTP.deliver(server.webhookURL, body: Vectors.body, signature: Self.goodHeader)
            #expect(answer.status == 400)
            #expect(answer.text.contains("beyond the tolerance"))
            #expect(sink.payloads.isEmpty)
        }
    }

    @Test("rotation: with two secrets configured, an event signed with either is applied")
    func rotationAccepted() async throws {
        try await withServer(secrets: [Vectors.secretOne, Vectors.secretTwo]) { server, sink, _ in
            let old = await WebhookHTTP.deliver(server.webhookURL, body: Vectors.body, signature: Self.goodHeader)
            let new = await WebhookHTTP.deliver(server.webhookURL, body: Vectors.body,
                                                signature: "t=\(Vectors.signedAt),v1=\(Vectors.signatureTwo)")
            #expect(old.status == 200 && new.status == 200)
            #expect(sink.payloads.count == 2)
        }
    }

    @Test("every outcome of a verified event is acknowledged 2xx, so Stripe never retries it",
          arguments: VerifiedEventOutcome.allCases)
    func outcomesAcknowledged(outcome: VerifiedEventOutcome) async throws {
        let sink = RecordingSink()
        sink.answer(outcome)
        try await withServer(sink: sink) { server, _, _ in
            let answer = await WebhookHTTP.deliver(server.webhookURL, body: Vectors.body, signature: Self.goodHeader)
            #expect(answer.status == 200)
            #expect(answer.text.contains(#""outcome":"\#(outcome.rawValue)""#))
        }
    }

    @Test("a database failure answers 503 (Stripe retries) and the next event gets a new connection")
    func outageAnswers503() async throws {
        let sink = RecordingSink()
        sink.fail(next: 1)
        try await withServer(sink: sink) { server, _, _ in
            let first = await WebhookHTTP.deliver(server.webhookURL, body: Vectors.body, signature: Self.goodHeader)
            #expect(first.status == 503)
            #expect(!first.text.contains(Vectors.secretOne))
            #expect(sink.payloads.isEmpty)
            let made = sink.made
            let second = await WebhookHTTP.deliver(server.webhookURL, body: Vectors.body, signature: Self.goodHeader)
            #expect(second.status == 200)
            #expect(sink.payloads == [Vectors.body])
            #expect(sink.made == made + 1)
        }
    }

    @Test("/healthz answers 200 while the database answers, 503 when it does not")
    func health() async throws {
        try await withServer { server, sink, _ in
            #expect(await WebhookHTTP.send("GET", server.baseURL + "/healthz").status == 200)
            sink.setHealthy(false)
            #expect(await WebhookHTTP.send("GET", server.baseURL + "/healthz").status == 503)
        }
    }

    @Test("/metrics counts received, applied, outcomes and rejected signatures, with latency and lag")
    func metrics() async throws {
        let sink = RecordingSink()
        try await withServer(now: 1_700_000_010, sink: sink) { server, _, _ in
            let body = Array(#"{"id":"evt_1","object":"event","created":1699999990}"#.utf8)
            let header = try Self.header(for: body)
            _ = await WebhookHTTP.deliver(server.webhookURL, body: body, signature: header)
            sink.answer(.duplicate)
            _ = await WebhookHTTP.deliver(server.webhookURL, body: body, signature: header)
            _ = await WebhookHTTP.deliver(server.webhookURL, body: body, signature: "t=1,v1=00")
            let text = await WebhookHTTP.send("GET", server.baseURL + "/metrics").text
            #expect(text.contains("stripe_webhook_events_received_total 3"))
            #expect(text.contains("stripe_webhook_events_applied_total 1"))
            #expect(text.contains("stripe_webhook_events_duplicate_total 1"))
            #expect(text.contains("stripe_webhook_events_rejected_signature_total 1"))
            #expect(text.contains("stripe_webhook_events_quarantined_total 0"))
            #expect(text.contains("stripe_webhook_apply_seconds_count 2"))
            #expect(text.contains("stripe_webhook_lag_seconds 20"))
        }
    }

    /// A header for `body` signed with ``Vectors/secretOne`` at ``Vectors/signedAt``, made by
    /// Python's `hmac` (not by the code under test).
    static func header(for body: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import hmac, hashlib, sys
            body = sys.stdin.buffer.read()
            print(hmac.new(b"\(Vectors.secretOne)", b"\(Vectors.signedAt)." + body, hashlib.sha256).hexdigest())
            """]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(body))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let hex = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return "t=\(Vectors.signedAt),v1=\(hex)"
    }
}
