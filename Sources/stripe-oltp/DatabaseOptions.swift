import ArgumentParser
import Foundation
import Postgres
import StripeOLTP

/// Options shared by every command that talks to the database.
struct DatabaseOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp("Use TEST_DATABASE_URL instead of DATABASE_URL.", visibility: .hidden))
    var test = false

    @Option(name: .customLong("database-url"), help: "Connection URL (default: DATABASE_URL or TEST_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("migrations-dir"),
            help: ArgumentHelp("Folder of migration files (default: MIGRATIONS_DIR or ./migrations).", visibility: .hidden))
    var migrationsDirectory: String?

    func validate() throws {
        if let databaseURL, !(databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://")) {
            throw ValidationError("--database-url must start with postgres:// or postgresql://")
        }
    }

    /// The URL to connect to.
    func url(_ settings: Settings) throws -> String {
        if let databaseURL { return databaseURL }
        return try settings.databaseURL(test: test)
    }

    /// Where `url` points (`host:port/dbname`), for messages: never the user or password.
    static func describe(_ url: String) -> String {
        ConnectionURL.target(url)
    }

    /// Opens a connection to the configured database.
    func connect(_ settings: Settings) throws -> PGConnection {
        let url = try url(settings)
        CommandFailure.printDetail("database \(Self.describe(url))")
        return try PGConnection(url: url)
    }

    /// A connection and a migrator on it for the configured database and migrations folder.
    func migrator(_ settings: Settings) throws -> (PGConnection, Migrator) {
        let connection = try connect(settings)
        let migrator = Migrator(
            connection: connection, migrations: try migrations(settings), environment: try settings.deploymentEnvironment())
        return (connection, migrator)
    }

    /// The migrations folder to use.
    func migrations(_ settings: Settings) throws -> MigrationSet {
        let path = migrationsDirectory ?? settings["MIGRATIONS_DIR"] ?? "migrations"
        return try MigrationSet(directory: URL(fileURLWithPath: path))
    }
}
