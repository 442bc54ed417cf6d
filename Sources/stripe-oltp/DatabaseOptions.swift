import ArgumentParser
import Foundation
import Postgres
import StripeJSON
import StripeOLTP

/// Options shared by every command that talks to the database.
struct DatabaseOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp("Use TEST_DATABASE_URL instead of DATABASE_URL.", visibility: .hidden))
    var test = false

    @Option(name: .customLong("database-url"),
            help: "Connection string, postgres://… or libpq keywords host=… dbname=… (default: DATABASE_URL or TEST_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("migrations-dir"),
            help: ArgumentHelp("Folder of migration files (default: MIGRATIONS_DIR, else the migrations built into stripe-oltp).", visibility: .hidden))
    var migrationsDirectory: String?

    @Option(name: .customLong("schema"),
            help: "Schema to work in: data in NAME, bookkeeping in NAME_oltp (default: STRIPE_SCHEMA, else stripe).")
    var schemaName: String?

    func validate() throws {
        if let schemaName {
            do { _ = try SchemaName(schemaName) } catch { throw ValidationError("--schema: \(error)") }
        }
        if let databaseURL, let reason = DatabaseOptions.problem(with: databaseURL) {
            throw ValidationError("--database-url \(reason); its text is not shown")
        }
    }

    /// The connection string to use: `--database-url`, else `DATABASE_URL` (or
    /// `TEST_DATABASE_URL` with `--test`), each checked the same way, by libpq's own parser.
    func url(_ settings: Settings) throws -> String {
        if let databaseURL { return databaseURL }
        let url = try settings.databaseURL(test: test)
        if let reason = DatabaseOptions.problem(with: url) {
            throw LoaderError.configuration("\(test ? "TEST_DATABASE_URL" : "DATABASE_URL") \(reason); its text is not shown")
        }
        return url
    }

    /// Why `text` is not a usable connection string (URL or keyword form), or nil when it is;
    /// the reason never quotes `text`.
    static func problem(with text: String) -> String? {
        do {
            _ = try ConnectionInfo(parsing: text)
            return nil
        } catch let error as ConnectionStringError {
            return error.reason
        } catch {
            return "cannot be parsed"
        }
    }

    /// Where `url` points (`host:port/dbname`), for messages: never the user or password.
    static func describe(_ url: String) -> String {
        guard let info = try? ConnectionInfo(parsing: url) else { return ConnectionURL.target(url) }
        let host = info.fields["host"] ?? info.fields["hostaddr"] ?? "localhost"
        return "\(host):\(info.fields["port"] ?? "5432")/\(info.fields["dbname"] ?? "")"
    }

    /// The schema to work in: `--schema`, else `STRIPE_SCHEMA`, else `stripe`.
    func schema(_ settings: Settings) throws -> SchemaName {
        if let schemaName { return try SchemaName(schemaName) }
        return try settings.schema()
    }

    /// Opens a connection to the configured database, bound to the configured schema.
    func connect(_ settings: Settings) throws -> PGConnection {
        let url = try url(settings)
        let schema = try schema(settings)
        CommandFailure.printDetail("database \(Self.describe(url)), schema \(schema)")
        return try schema.connect(url)
    }

    /// Where the command works, for messages: `host:port/dbname`, and the schema unless it is `stripe`.
    func target(_ settings: Settings) throws -> String {
        let schema = try schema(settings)
        return Self.describe(try url(settings)) + (schema.isDefault ? "" : ", schema \(schema)")
    }

    /// A connection and a migrator on it for the configured database and migrations folder.
    func migrator(_ settings: Settings) throws -> (PGConnection, Migrator) {
        let connection = try connect(settings)
        let migrator = Migrator(
            connection: connection, migrations: try migrations(settings), environment: try settings.deploymentEnvironment())
        return (connection, migrator)
    }

    /// The migrations to use: the folder `--migrations-dir` or `MIGRATIONS_DIR` names, else the
    /// `migrations/` folder built into the executable (so any working directory will do).
    func migrations(_ settings: Settings) throws -> MigrationSet {
        guard let path = migrationsDirectory ?? settings["MIGRATIONS_DIR"] else { return try MigrationSet.bundled() }
        return try MigrationSet(directory: URL(fileURLWithPath: path))
    }
}
