import Foundation
import PureTestSupport
import StripeOLTP
import Testing

/// Paths and settings the tests share: the repository root, its `.env.dev`, the test database.
public enum TestEnvironment {
    /// The repository root.
    public static var repoRoot: URL { TestFolders.repoRoot }

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
    public static var fixturesDirectory: URL { TestFolders.fixturesDirectory }

    /// The debug build of the `stripe-oltp` executable (built by `make test` before the tests run).
    public static var binary: URL { repoRoot.appendingPathComponent(".build/debug/stripe-oltp") }

    /// A new empty temporary folder under this process's scratch folder, which is removed when
    /// the process exits (and by the next run when this one is killed).
    public static func temporaryDirectory() throws -> URL {
        try TestFolders.temporaryDirectory()
    }

    /// Runs `body` with a new empty temporary folder and removes the folder afterwards.
    public static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        try TestFolders.withTemporaryDirectory(body)
    }

    /// The working folder CLI tests run in: it holds a copy of the repository's `.env.dev` (the
    /// defaults the tests rely on), a copy of `migrations` (so a command that writes there, such as
    /// `migrate new` without a folder, never touches the repository) and a link to `fixtures`, but
    /// never a developer's `.env.local`, so local overrides cannot change what a test sees.
    public static let cliDirectory: URL = {
        let folder = ScratchSpace.root.appendingPathComponent("cli")
        let manager = FileManager.default
        try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in [".env.dev", "migrations"] {
            try? manager.copyItem(at: repoRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try? manager.createSymbolicLink(at: folder.appendingPathComponent("fixtures"),
                                        withDestinationURL: repoRoot.appendingPathComponent("fixtures"))
        return folder
    }()
}
