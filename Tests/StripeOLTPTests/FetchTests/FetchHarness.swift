import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeJSON
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Test key accepted by the emulator.
let fetchTestKey = "sk_test_fetchtests4242"

/// Starts an in-process Stripe-compatible server on 127.0.0.1 (seeded from `seedDirectory`), runs
/// `body` on a thread of its own — the fetcher and the CLI block, and the server needs the
/// concurrency pool — within the test's task (so its expectations count for the test), then
/// stops the server.
func withEmulator<T: Sendable>(
    seedDirectory: String? = nil, _ body: @escaping @Sendable (RunningEmulator) throws -> T
) async throws -> T {
    let emulator = try Emulator(seedDirectory: seedDirectory)
    let running = try await EmulatorServer(emulator: emulator, host: "127.0.0.1", port: 0).start()
    let outcome: Result<T, any Error> = await DedicatedThreadExecutor.run { Result { try body(running) } }
    await running.stop()
    return try outcome.get()
}

/// The sample data set shipped in `fixtures/sample`.
var sampleDirectory: String { TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path }

/// A client configuration for the emulator: fast retries, a high rate.
func emulatorConfiguration(_ running: RunningEmulator, key: String = fetchTestKey) throws -> StripeClientConfiguration {
    try StripeClientConfiguration(
        apiKey: key, baseURL: running.baseURL, requestsPerSecond: 1000,
        retryPolicy: RetryPolicy(maxAttempts: 8, baseDelay: 0.005, maxDelay: 0.05))
}

/// Runs the fetcher in-process into `directory`.
func fetch(_ running: RunningEmulator, into directory: String, pageSize: Int = 100, workers: Int = 6,
           cursors: FetchCursors = FetchCursors(), restart: Bool = false,
           notices: NoticeLog = NoticeLog()) throws -> FetchReport {
    let options = FetchOptions(directory: directory, restart: restart, workers: workers, pageSize: pageSize)
    return try Fetcher(configuration: try emulatorConfiguration(running), options: options, cursors: cursors,
                       notice: { notices.append($0) }).run()
}

/// Collects a fetcher's notices.
final class NoticeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}

/// The objects of one NDJSON dump file, in file order.
func dumpObjects(_ directory: String, _ resource: Resource) throws -> [StripeJSON.JSONValue] {
    let path = (directory as NSString).appendingPathComponent(resource.fileName)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
}

/// The ids of one NDJSON dump file, in file order (duplicates kept).
func dumpIDs(_ directory: String, _ resource: Resource) throws -> [String] {
    try dumpObjects(directory, resource).map { $0["id"]?.stringValue ?? "" }
}

/// Environment for running the CLI against the emulator.
func fetchEnvironment(_ running: RunningEmulator, key: String = fetchTestKey) -> [String: String] {
    ["STRIPE_SECRET_KEY": key, "STRIPE_API_BASE": running.baseURL, "ENV": "TEST"]
}

/// Sends one request to the emulator (for changing its state between fetches).
@discardableResult
func stripe(_ running: RunningEmulator, _ method: HTTPMethod, _ path: String,
            _ parameters: [(String, FormValue)] = []) throws -> StripeJSON.JSONValue {
    let response = try StripeClient(configuration: try emulatorConfiguration(running)).send(method, path, parameters: parameters)
    return try JSONParser.parse(response.body)
}
