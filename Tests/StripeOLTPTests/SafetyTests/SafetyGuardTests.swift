import Foundation
import Postgres
import StripeJSON
import StripeOLTP
import TestSupport
import Testing

@Suite("Safety guard", .needsDatabase)
struct SafetyGuardTests {
    @Test("ENV=PROD refuses migrate reset before connecting to anything")
    func prodEnvRefusesBeforeConnecting() throws {
        // An address where nothing listens: a connection attempt would fail differently.
        let result = try CLI.run(
            ["migrate", "reset", "--database-url", "postgres://stripe:pw@127.0.0.1:1/none"], environment: ["ENV": "PROD"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("refused: 'migrate reset'"))
        #expect(result.stderr.contains("ENV=PROD"))
        #expect(!result.stderr.contains("Connection refused"))
    }

    @Test("ENV=PROD refuses migrate reset and leaves the data in place")
    func prodEnvKeepsData() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("INSERT INTO stripe.customers (id, raw) VALUES ('cus_keep', '{}')")
            let result = try CLI.run(["migrate", "reset", "--yes", "--database-url", db.url], environment: ["ENV": "PROD"])
            #expect(result.status != 0)
            #expect(try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) == 1)
        }
    }

    @Test("a database recorded as PROD refuses migrate reset even under ENV=DEV")
    func prodDatabaseRefuses() throws {
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try Migrator(
                connection: connection, migrations: try MigrationSet(directory: TestEnvironment.migrationsDirectory),
                environment: .prod
            ).up()
            try connection.query("INSERT INTO stripe.customers (id, raw) VALUES ('cus_keep', '{}')")
            let result = try CLI.run(["migrate", "reset", "--yes", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("recorded as PROD"))
            #expect(try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) == 1)
            #expect(throws: LoaderError.self) {
                _ = try SafetyGuard(environment: .dev).authorize("migrate reset", connection: connection)
            }
        }
    }

    @Test("outside production, migrate reset drops data and migrates again")
    func resetWorksInDev() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("INSERT INTO stripe.customers (id, raw) VALUES ('cus_gone', '{}')")
            let result = try CLI.run(["migrate", "reset", "--yes", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) == 0)
            #expect(try connection.query("SELECT count(*) FROM stripe_oltp.schema_migrations").scalar(Int.self) ?? 0 >= 1)
        }
    }

    @Test("every listed destructive command is refused under ENV=PROD")
    func everyDestructiveCommandRefused() throws {
        let prod = SafetyGuard(environment: .prod)
        for command in SafetyGuard.destructiveCommands {
            let error = try #require(throws: LoaderError.self) { try prod.checkEnvironment(command) }
            #expect(error == .refused(command: command, reason: "is destructive and ENV=PROD; nothing was changed"))
        }
        for env in [DeploymentEnvironment.dev, .test] {
            for command in SafetyGuard.destructiveCommands {
                try SafetyGuard(environment: env).checkEnvironment(command)
            }
        }
    }
}
