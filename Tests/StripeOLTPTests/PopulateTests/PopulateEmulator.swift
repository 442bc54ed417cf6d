import Foundation
import StripeEmulator
import StripeHTTP
import StripeJSON
import StripeOLTP
import TestSupport
import Testing

/// A fresh in-process emulator for populate tests, and helpers to reach it.
///
/// `StripeClient` and `CLI.run` block, so the body runs on a thread of its own, leaving the
/// concurrency pool free for the server.
enum PopulateEmulator {
    /// The test-mode key the tests use.
    static let testKey = "sk_test_populatetests42"

    /// A fake live key, spelled in pieces so no committed string looks like a real one.
    static let liveKey = "sk_" + "live_" + "populatetests" + "0123456789"

    /// Starts an emulator, runs `body` on its own thread, stops the emulator.
    static func with<T: Sendable>(_ body: @escaping @Sendable (RunningEmulator) throws -> T) async throws -> T {
        try await withEmulator(body)
    }

    /// A client for `running`.
    static func client(_ running: RunningEmulator) throws -> StripeClient {
        try StripeClient(configuration: StripeClientConfiguration(
            apiKey: testKey, baseURL: running.baseURL, requestsPerSecond: 1000,
            retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05)))
    }

    /// The shipped fixture.
    static func fixture() throws -> PopulateFixture {
        try PopulateFixture.load(path: TestEnvironment.fixturesDirectory.appendingPathComponent("populate.json").path)
    }

    /// Runs populate against `running` through the library, as `populate` (or `populate --force`).
    static func populate(_ running: RunningEmulator, force: Bool = false, generation: String? = nil,
                         previous: PopulateManifest? = nil, fixture: PopulateFixture? = nil) throws -> PopulateReport {
        let authorization = try SafetyGuard(environment: .test)
            .authorizeStripe(force ? "populate-force" : "populate", apiKey: testKey)
        return try Populator(client: client(running), fixture: fixture ?? self.fixture(), authorization: authorization, force: force,
                             generation: generation, previous: previous).run()
    }

    /// `GET path` against `running`, parsed.
    static func get(_ running: RunningEmulator, _ path: String, _ parameters: [(String, FormValue)] = []) throws -> StripeJSON.JSONValue {
        try PopulateAPI(client: client(running)).get(path, parameters)
    }

    /// The environment for running the CLI against `running`: the given key, DEV unless told
    /// otherwise, and a database nobody listens on.
    static func cliEnvironment(_ running: RunningEmulator, key: String? = testKey, env: String = "DEV") -> [String: String] {
        [
            "STRIPE_API_BASE": running.baseURL, "STRIPE_SECRET_KEY": key ?? "", "ENV": env,
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        ]
    }
}
