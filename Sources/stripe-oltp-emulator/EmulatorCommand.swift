import ArgumentParser
import Foundation
import StripeEmulator

/// `stripe-oltp-emulator`: a local, stateful Stripe-compatible API server for tests and offline demos.
@main
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stripe-oltp-emulator",
        abstract: "Serve a local, in-memory, Stripe-compatible API (for tests and offline demos).")

    @Option(help: "Port to listen on (default: $STRIPE_EMULATOR_PORT or 12111; 0 picks a free port).")
    var port: Int?

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("seed-dir"), help: "Load dump files (customers.json, …) from this directory at start and on reset.")
    var seedDir: String?

    @Option(name: .customLong("rate-limit-every"), help: "Answer every Kth API request with 429 rate_limit.")
    var rateLimitEvery: Int?

    @Option(name: .customLong("rate-limit-per-second"), help: "Answer 429 rate_limit above N API requests per second.")
    var rateLimitPerSecond: Int?

    @Option(name: .customLong("rate-limit-burst"), help: "Answer 429 rate_limit to runs of N API requests in a row, alternating with N answered normally.")
    var rateLimitBurst: Int?

    @Option(name: .customLong("retry-after"), help: "Seconds sent as Retry-After with each 429 (0 sends none).")
    var retryAfter: Int = 1

    @Option(name: .customLong("rate-limit-per-window"),
            help: "Answer 429 rate_limit above N API requests per window; POST /_emulator/faults/window opens a new one.")
    var rateLimitPerWindow: Int?

    @Option(name: .customLong("error-every"), help: "Answer every Kth API request with a server error.")
    var errorEvery: Int?

    @Option(name: .customLong("error-status"), help: "Status of injected server errors (500, 502, 503, 504).")
    var errorStatus: Int = 500

    @Option(name: .customLong("latency-ms"), help: "Milliseconds of latency added to every API request.")
    var latencyMs: Int = 0

    @Option(name: .customLong("drop-every"), help: "Close the connection without answering every Kth API request.")
    var dropEvery: Int?

    @Flag(help: "Print no line per request.")
    var quiet = false

    func run() async throws {
        let environmentPort = ProcessInfo.processInfo.environment["STRIPE_EMULATOR_PORT"].flatMap { Int($0) }
        let resolvedPort = port ?? environmentPort ?? 12111
        guard (0...65535).contains(resolvedPort) else { throw ValidationError("--port must be 0…65535") }
        guard [500, 502, 503, 504].contains(errorStatus) else { throw ValidationError("--error-status must be 500, 502, 503 or 504") }
        guard (0...3600).contains(retryAfter) else { throw ValidationError("--retry-after must be 0…3600") }
        let faults = FaultConfiguration(rateLimitEvery: positive(rateLimitEvery), rateLimitPerSecond: positive(rateLimitPerSecond),
                                        rateLimitPerWindow: positive(rateLimitPerWindow),
                                        rateLimitBurst: positive(rateLimitBurst), retryAfterSeconds: retryAfter,
                                        errorEvery: positive(errorEvery), errorStatus: errorStatus,
                                        latencyMilliseconds: max(0, latencyMs), dropEvery: positive(dropEvery))
        var logLine: (@Sendable (String) -> Void)?
        if !quiet {
            logLine = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        let emulator = try Emulator(seedDirectory: seedDir, faults: faults, logLine: logLine)
        let server = EmulatorServer(emulator: emulator, host: host, port: resolvedPort)
        let host = self.host
        try await server.run(handleSignals: true) { bound in
            FileHandle.standardOutput.write(Data("stripe-oltp-emulator listening on http://\(host):\(bound)\n".utf8))
        }
    }

    private func positive(_ value: Int?) -> Int? {
        guard let value, value > 0 else { return nil }
        return value
    }
}
