import Foundation
import Postgres
import StripeJSON
import StripeOLTP
import TestSupport
import Testing

/// A database whose environment record was deleted counts as PROD until a person records it
/// again with `migrate mark-environment`.
@Suite("Environment marker", .needsDatabase)
struct EnvironmentMarkerTests {
    private func customers(_ connection: PGConnection) throws -> Int? {
        try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self)
    }

    @Test("a schema whose marker row was deleted refuses migrate reset, even after migrate up under DEV")
    func deletedMarkerCountsAsProd() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("INSERT INTO stripe.customers (id, raw) VALUES ('cus_keep', '{}')")
            try connection.query("DELETE FROM stripe_oltp.environment")
            #expect(try EnvironmentMarker.read(connection) == .missing)

            let reset = try CLI.run(["migrate", "reset", "--yes", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(reset.status != 0)
            #expect(reset.stderr.contains("refused: 'migrate reset'"), "\(reset.stderr)")
            #expect(reset.stderr.contains("mark-environment"))
            #expect(try customers(connection) == 1)

            // migrate up must not record today's ENV in place of the deleted marker.
            let up = try CLI.run(["migrate", "up", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(up.status == 0, "\(up.stderr)")
            #expect(up.stdout.contains("counts as PROD"))
            #expect(try EnvironmentMarker.read(connection) == .missing)
            #expect(try CLI.run(["migrate", "reset", "--yes", "--database-url", db.url], environment: ["ENV": "DEV"]).status != 0)
            #expect(try customers(connection) == 1)
            #expect(throws: LoaderError.self) {
                _ = try SafetyGuard(environment: .dev).authorize("migrate reset", connection: connection)
            }
        }
    }

    @Test("a dropped marker table counts as PROD too")
    func droppedMarkerTableCountsAsProd() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("DROP TABLE stripe_oltp.environment")
            #expect(try EnvironmentMarker.read(connection) == .missing)
            #expect(throws: LoaderError.self) {
                _ = try SafetyGuard(environment: .test).authorize("migrate reset", connection: connection)
            }
        }
    }

    @Test("migrate mark-environment records the environment and re-opens migrate reset outside PROD")
    func markEnvironmentReopensReset() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("INSERT INTO stripe.customers (id, raw) VALUES ('cus_gone', '{}')")
            try connection.query("DELETE FROM stripe_oltp.environment")
            let mark = try CLI.run(["migrate", "mark-environment", "dev", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(mark.status == 0, "\(mark.stderr)")
            #expect(mark.stdout.contains("recorded as DEV"))
            #expect(try EnvironmentMarker.read(connection) == .recorded(.dev))
            let reset = try CLI.run(["migrate", "reset", "--yes", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(reset.status == 0, "\(reset.stderr)")
            #expect(try customers(connection) == 0)
        }
    }

    @Test("migrate mark-environment is refused under ENV=PROD and on a database recorded as PROD")
    func markEnvironmentRefusedUnderProd() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("DELETE FROM stripe_oltp.environment")
            let underProd = try CLI.run(["migrate", "mark-environment", "DEV", "--database-url", db.url], environment: ["ENV": "PROD"])
            #expect(underProd.status != 0)
            #expect(underProd.stderr.contains("refused: 'migrate mark-environment'"), "\(underProd.stderr)")
            #expect(try EnvironmentMarker.read(connection) == .missing)

            // Recording PROD is allowed outside PROD; after that nothing re-opens the database.
            let toProd = try CLI.run(["migrate", "mark-environment", "PROD", "--database-url", db.url], environment: ["ENV": "TEST"])
            #expect(toProd.status == 0, "\(toProd.stderr)")
            let back = try CLI.run(["migrate", "mark-environment", "DEV", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(back.status != 0)
            #expect(back.stderr.contains("recorded as PROD"), "\(back.stderr)")
            #expect(try EnvironmentMarker.read(connection) == .recorded(.prod))
        }
    }

    @Test("an empty database records the environment it is first migrated under")
    func emptyDatabaseRecordsEnvironment() throws {
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            #expect(try EnvironmentMarker.read(connection) == .empty)
            _ = try SafetyGuard(environment: .dev).authorize("migrate reset", connection: connection)
            try Migrator(
                connection: connection, migrations: try MigrationSet(directory: TestEnvironment.migrationsDirectory),
                environment: .dev
            ).up()
            #expect(try EnvironmentMarker.read(connection) == .recorded(.dev))
        }
    }
}
