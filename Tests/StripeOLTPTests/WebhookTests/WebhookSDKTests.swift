import Foundation
import StripeEmulator
import StripeOLTP
import Testing
import TestSupport
import WebhookServer

/// The official `stripe` Python SDK (pinned, in `.venv-sdk`, which `scripts/sdk-venv.sh` installs)
/// checks the emulator's signatures and signs requests to `serve` (scripts/webhook_sdk_test.py).
@Suite("Webhooks with the official Python SDK")
struct WebhookSDKTests {
    static let secret = "whsec_sdk_test_secret_0123456789"

    @Test("stripe.Webhook.construct_event accepts the emulator's deliveries; serve accepts SDK-made headers and rejects tampered ones")
    func pythonSDK() async throws {
        let python = try #require(Self.python(), "no Python with the pinned stripe SDK: run scripts/sdk-venv.sh (installs stripe==16.1.0 into .venv-sdk)")
        let emulator = try await EmulatorServer(emulator: try Emulator(), host: "127.0.0.1", port: 0).start()
        let sink = RecordingSink()
        sink.answer(.unknown)
        let receiver = WebhookReceiver(verifier: WebhookSignatureVerifier(secrets: [Self.secret]), workers: 2,
                                       makeSink: { sink.make() })
        let server = try await WebhookServer(receiver: receiver, host: "127.0.0.1", port: 0).start()
        let (status, output) = await Self.run(python, script: TestEnvironment.repoRoot.appendingPathComponent("scripts/webhook_sdk_test.py").path,
                                              environment: ["STRIPE_EMULATOR_URL": emulator.baseURL, "SERVE_URL": server.webhookURL,
                                                            "SERVE_SECRET": Self.secret])
        await server.stop()
        await emulator.stop()
        #expect(status == 0, "\(output)")
        #expect(output.contains("9 passed, 0 failed"), "\(output)")
        #expect(sink.payloads.count == 1, "only the correctly signed request reaches the sink")
    }

    /// The Python holding the pinned SDK: `STRIPE_SDK_PYTHON`, else `.venv-sdk/bin/python`.
    static func python() -> String? {
        let candidate = ProcessInfo.processInfo.environment["STRIPE_SDK_PYTHON"]
            ?? TestEnvironment.repoRoot.appendingPathComponent(".venv-sdk/bin/python").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Runs `python script` with `environment` added, awaiting its exit; status and output.
    static func run(_ python: String, script: String, environment: [String: String]) async -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-sdk-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        guard let handle = try? FileHandle(forWritingTo: outputURL) else { return (-1, "cannot write \(outputURL.path)") }
        process.standardOutput = handle
        process.standardError = handle
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { process.terminationHandler = nil; continuation.resume() }
        }
        try? handle.close()
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }
}
