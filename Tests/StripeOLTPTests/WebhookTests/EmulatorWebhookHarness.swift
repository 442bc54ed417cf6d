import Foundation
import StripeEmulator
import StripeOLTP
import Testing
import WebhookServer

/// An in-process emulator whose webhook endpoint is a started `serve` receiver, for the webhook
/// delivery tests: form requests to the emulator, waiting (by polling the delivery log) until
/// every delivery is done.
struct EmulatorWebhookHarness {
    let emulator: RunningEmulator
    let server: RunningWebhookServer
    let receiver: WebhookReceiver
    /// The endpoint's `we_…` id and `whsec_…` secret.
    let endpointID: String
    let secret: String

    static let key = "sk_test_webhooks123456"

    /// Starts an emulator and a receiver whose events go to `makeSink`, registers the receiver for
    /// `events`, runs `body`, and stops both.
    static func with(events: [String] = ["*"], makeSink: @escaping @Sendable () throws -> any VerifiedEventSink,
                     _ body: (EmulatorWebhookHarness) async throws -> Void) async throws {
        let emulator = try await EmulatorServer(emulator: try Emulator(), host: "127.0.0.1", port: 0).start()
        do {
            // The endpoint is registered first (for its secret), then pointed at the started receiver.
            let form = [("url", "http://127.0.0.1:9/not-yet")] + events.map { ("enabled_events[]", $0) }
            let endpoint = try await call(emulator, "POST", "/v1/webhook_endpoints", form)
            let id = try #require(endpoint["id"] as? String)
            let secret = try #require(endpoint["secret"] as? String)
            let receiver = WebhookReceiver(verifier: WebhookSignatureVerifier(secrets: [secret]), workers: 2, makeSink: makeSink)
            let server = try await WebhookServer(receiver: receiver, host: "127.0.0.1", port: 0).start()
            _ = try await call(emulator, "POST", "/v1/webhook_endpoints/\(id)", [("url", server.webhookURL)])
            let harness = EmulatorWebhookHarness(emulator: emulator, server: server, receiver: receiver, endpointID: id, secret: secret)
            do {
                try await body(harness)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    /// One form request to the emulator; the decoded JSON object answered (a 4xx/5xx throws).
    @discardableResult
    static func call(_ emulator: RunningEmulator, _ method: String, _ path: String,
                     _ form: [(String, String)] = []) async throws -> [String: Any] {
        let body = form.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
        let answer = await WebhookHTTP.send(method, emulator.baseURL + path, body: Array(body.utf8), headers: [
            "Authorization": "Bearer \(key)", "Content-Type": "application/x-www-form-urlencoded",
        ])
        let object = (try? JSONSerialization.jsonObject(with: Data(answer.text.utf8))) as? [String: Any] ?? [:]
        guard (200..<300).contains(answer.status) else {
            throw HarnessError(description: "\(method) \(path) answered \(answer.status): \(answer.text)")
        }
        return object
    }

    /// One form request to this harness's emulator.
    @discardableResult
    func call(_ method: String, _ path: String, _ form: [(String, String)] = []) async throws -> [String: Any] {
        try await Self.call(emulator, method, path, form)
    }

    /// Waits until the emulator has no delivery under way (polling, at most about 30 s).
    func waitForDeliveries() async throws {
        for _ in 0..<3_000 {
            if emulator.emulator.pendingWebhookDeliveries == 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("webhook deliveries still pending: \(emulator.emulator.pendingWebhookDeliveries)")
    }

    /// The ids of the events the emulator emitted, oldest first.
    func emittedEventIDs() -> [String] {
        emulator.emulator.withState { state in state.table(.event).newestFirst.reversed().compactMap { $0["id"]?.stringValue } }
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// A failed emulator request.
    struct HarnessError: Error, CustomStringConvertible {
        var description: String
    }
}
