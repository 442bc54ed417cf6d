import Foundation

/// Runs the built `stripe-oltp` executable and captures what it prints.
public enum CLI {
    /// The outcome of one run.
    public struct Result: Sendable {
        /// The exit status.
        public let status: Int32
        /// Everything written to standard output.
        public let stdout: String
        /// Everything written to standard error.
        public let stderr: String
    }

    /// The variables the CLI reads that a developer's shell must not leak into a test; a test
    /// that needs one passes it in `environment`. `TEST_DATABASE_URL` is always set to the server
    /// the tests use.
    public static let isolatedVariables = ["ENV", "DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_API_BASE", "MIGRATIONS_DIR"]

    /// Runs `stripe-oltp arguments…` in `directory` (default: `TestEnvironment.cliDirectory`, which
    /// holds the repository's `.env.dev` and no `.env.local`) with `environment` added to the
    /// process environment (values given here win) less the developer's own `isolatedVariables`.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL = TestEnvironment.cliDirectory
    ) throws -> Result {
        let process = Process()
        process.executableURL = TestEnvironment.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for name in isolatedVariables { env[name] = nil }
        env["TEST_DATABASE_URL"] = TestEnvironment.testDatabaseURL
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
