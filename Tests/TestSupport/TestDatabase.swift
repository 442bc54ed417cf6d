import Foundation
import Postgres
import StripeOLTP

/// A fresh database per test on the test server, dropped afterwards even when the test fails.
public struct TestDatabase: Sendable {
    /// The database's connection URL.
    public let url: String
    /// The database's name.
    public let name: String

    /// Creates a fresh database (migrated unless `migrated` is false), runs `body`, then drops it.
    public static func with<T>(migrated: Bool = true, _ body: (TestDatabase) throws -> T) throws -> T {
        let database = try create()
        defer { database.drop() }
        if migrated {
            let connection = try PGConnection(url: database.url)
            try Migrator(
                connection: connection,
                migrations: try MigrationSet(directory: TestEnvironment.migrationsDirectory),
                environment: .test
            ).up()
        }
        return try body(database)
    }

    /// As ``with(migrated:_:)``, for a body that awaits (an in-process server it starts, say).
    public static func asyncWith<T>(migrated: Bool = true, _ body: (TestDatabase) async throws -> T) async throws -> T {
        let database = try create()
        defer { database.drop() }
        if migrated {
            try Migrator(
                connection: try PGConnection(url: database.url),
                migrations: try MigrationSet(directory: TestEnvironment.migrationsDirectory),
                environment: .test
            ).up()
        }
        return try await body(database)
    }

    /// Opens a new connection to this database.
    public func connect() throws -> PGConnection {
        try PGConnection(url: url)
    }

    private static func create() throws -> TestDatabase {
        guard let server = TestEnvironment.testDatabaseURL else { throw TestDatabaseUnavailable() }
        _ = StaleTestDatabases.sweptOnce
        let name = StaleTestDatabases.newName()
        let admin = try PGConnection(url: server)
        try admin.query("CREATE DATABASE \(name)")
        return TestDatabase(url: replacingDatabase(in: server, with: String(name)), name: String(name))
    }

    private func drop() {
        guard let server = TestEnvironment.testDatabaseURL, let admin = try? PGConnection(url: server) else { return }
        _ = try? admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// `postgres://u@h:p/db?x` with `db` replaced.
    public static func replacingDatabase(in url: String, with name: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let query = afterScheme.firstIndex(of: "?").map { String(afterScheme[$0...]) } ?? ""
        let beforeQuery = afterScheme.firstIndex(of: "?").map { afterScheme[..<$0] } ?? afterScheme
        let authority = beforeQuery.firstIndex(of: "/").map { beforeQuery[..<$0] } ?? beforeQuery
        return String(url[..<schemeEnd.upperBound]) + authority + "/" + name + query
    }
}
