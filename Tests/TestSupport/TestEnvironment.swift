import Foundation
import StripeOLTP
import Testing

/// Paths and settings the tests share: the repository root, its `.env.dev`, the test database.
public enum TestEnvironment {
    /// The repository root (three levels above this file).
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Settings as the CLI would read them from the repository root.
    public static let settings = Settings(directory: repoRoot)

    /// The server the tests create their databases on: `TEST_DATABASE_URL` (process environment,
    /// `.env.local` or `.env.dev`), nil when it is unset. `make test` always sets it; without it
    /// the database tests are skipped (see `Trait.needsDatabase`) and the pure tests still run.
    public static var testDatabaseURL: String? {
        testDatabaseURL(in: settings)
    }

    /// The test server `settings` name: `TEST_DATABASE_URL` only (never composed of `PG_TEST_PORT`,
    /// so an unconfigured run skips the database tests instead of failing to connect).
    public static func testDatabaseURL(in settings: Settings) -> String? {
        settings["TEST_DATABASE_URL"]
    }

    /// Why the database tests are skipped when `testDatabaseURL` is nil.
    public static let noDatabaseReason: Comment =
        "TEST_DATABASE_URL is unset: database tests skipped (make test sets it)"

    /// The project's migrations folder.
    public static var migrationsDirectory: URL { repoRoot.appendingPathComponent("migrations") }

    /// The shipped fixtures folder.
    public static var fixturesDirectory: URL { repoRoot.appendingPathComponent("fixtures") }

    /// The debug build of the `stripe-oltp` executable (built by `make test` before the tests run).
    public static var binary: URL { repoRoot.appendingPathComponent(".build/debug/stripe-oltp") }

    /// A new empty temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("stripe-oltp-test-\(UUID().uuidString.prefix(12))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
