import Foundation
import StripeOLTP

/// Paths and settings the tests share: the repository root, its `.env.dev`, the test database.
public enum TestEnvironment {
    /// The repository root (three levels above this file).
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Settings as the CLI would read them from the repository root.
    public static let settings = Settings(directory: repoRoot)

    /// The server the tests create their databases on (`TEST_DATABASE_URL`, else the local test
    /// cluster of `PG_TEST_PORT`).
    public static var testDatabaseURL: String {
        guard let url = try? settings.databaseURL(test: true) else {
            fatalError("no test database URL; run the tests with 'make test', which starts the test database")
        }
        return url
    }

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
