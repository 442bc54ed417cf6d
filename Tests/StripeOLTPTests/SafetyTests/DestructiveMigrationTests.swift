import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// Under PROD, `migrate up` refuses migrations that drop or truncate stripe tables unless
/// `--allow-destructive` is given.
@Suite("Destructive migrations", .needsDatabase)
struct DestructiveMigrationTests {
    @Test("DROP TABLE/SCHEMA, TRUNCATE and DROP COLUMN on stripe tables are found", arguments: [
        ("DROP TABLE stripe.refunds;", "DROP TABLE stripe.refunds"),
        ("drop table if exists stripe.refunds, public.tmp cascade;", "DROP TABLE stripe.refunds"),
        ("DROP TABLE \"stripe\".\"refunds\";", "DROP TABLE stripe.refunds"),
        ("DROP TABLE refunds;", "DROP TABLE refunds"),
        ("DROP SCHEMA stripe CASCADE;", "DROP SCHEMA stripe"),
        ("DROP SCHEMA IF EXISTS stripe_oltp;", "DROP SCHEMA stripe_oltp"),
        ("TRUNCATE stripe.charges;", "TRUNCATE stripe.charges"),
        ("TRUNCATE TABLE ONLY stripe.charges RESTART IDENTITY;", "TRUNCATE stripe.charges"),
        ("ALTER TABLE stripe.customers DROP COLUMN email;", "ALTER TABLE stripe.customers DROP COLUMN email"),
        ("ALTER TABLE IF EXISTS stripe.customers DROP email;", "ALTER TABLE stripe.customers DROP COLUMN email"),
        ("SELECT 1; -- harmless\nDO $$ BEGIN EXECUTE 'TRUNCATE stripe.charges'; END $$;", "TRUNCATE stripe.charges"),
        ("SELECT '--'; DROP TABLE stripe.refunds;", "DROP TABLE stripe.refunds"),
    ])
    func finds(sql: String, expected: String) {
        #expect(DestructiveSQL.findings(in: sql) == [expected])
    }

    @Test("drops that lose no rows, other schemas and comments are not destructive", arguments: [
        "ALTER TABLE stripe.customers DROP CONSTRAINT customers_x_check;",
        "ALTER TABLE stripe.customers ALTER COLUMN email DROP NOT NULL, ALTER COLUMN name DROP DEFAULT;",
        "DROP INDEX stripe.customers_email_idx;",
        "DROP TABLE public.scratch; TRUNCATE other.log;",
        "-- DROP TABLE stripe.refunds\n/* TRUNCATE stripe.charges */ SELECT 1;",
        "CREATE TRIGGER t BEFORE TRUNCATE ON stripe.charges FOR EACH STATEMENT EXECUTE FUNCTION f();",
        "GRANT SELECT, TRUNCATE ON stripe.charges TO reader;",
        "ALTER TABLE stripe.customers ADD COLUMN dropped_at timestamptz;",
    ])
    func ignores(sql: String) {
        #expect(DestructiveSQL.findings(in: sql).isEmpty)
    }

    @Test("the shipped migrations are not destructive")
    func shippedMigrationsPass() throws {
        for file in try MigrationSet(directory: TestEnvironment.migrationsDirectory).files {
            #expect(DestructiveSQL.findings(in: file.sql).isEmpty, "\(file.fileName)")
        }
    }

    /// A copy of the shipped migrations plus one that drops `stripe.invoice_line_items`.
    private func migrationsWithDrop() throws -> URL {
        let dir = try TestEnvironment.temporaryDirectory()
        let shipped = try MigrationSet(directory: TestEnvironment.migrationsDirectory)
        for file in shipped.files {
            try FileManager.default.copyItem(
                at: TestEnvironment.migrationsDirectory.appendingPathComponent(file.fileName),
                to: dir.appendingPathComponent(file.fileName))
        }
        let name = MigrationFile.fileName(version: shipped.nextVersion + 100, name: "drop_line_items")
        try "-- hand-written\nDROP TABLE stripe.invoice_line_items CASCADE;\n".write(
            to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return dir
    }

    private func lineItemsExist(_ connection: PGConnection) throws -> Bool {
        try connection.query("SELECT to_regclass('stripe.invoice_line_items') IS NOT NULL").scalar(Bool.self) ?? false
    }

    @Test("ENV=PROD: migrate up refuses a DROP TABLE migration; --allow-destructive applies it")
    func prodRefusesDropUnlessAllowed() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let dir = try migrationsWithDrop()
            let refused = try CLI.run(["migrate", "up", "--database-url", db.url, "--migrations-dir", dir.path],
                                      environment: ["ENV": "PROD"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("refused: 'migrate up'"), "\(refused.stderr)")
            #expect(refused.stderr.contains("DROP TABLE stripe.invoice_line_items"))
            #expect(refused.stderr.contains("--allow-destructive"))
            #expect(try lineItemsExist(connection))

            let allowed = try CLI.run(["migrate", "up", "--allow-destructive", "--database-url", db.url, "--migrations-dir", dir.path],
                                      environment: ["ENV": "PROD"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            #expect(try !lineItemsExist(connection))
        }
    }

    @Test("a database recorded as PROD refuses a DROP TABLE migration under ENV=DEV")
    func prodDatabaseRefusesDrop() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.query("UPDATE stripe_oltp.environment SET env = 'PROD'")
            let dir = try migrationsWithDrop()
            let refused = try CLI.run(["migrate", "up", "--database-url", db.url, "--migrations-dir", dir.path],
                                      environment: ["ENV": "DEV"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("recorded as PROD"), "\(refused.stderr)")
            #expect(try lineItemsExist(connection))
        }
    }

    @Test("outside PROD a DROP TABLE migration applies")
    func devAppliesDrop() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let result = try CLI.run(["migrate", "up", "--database-url", db.url, "--migrations-dir", try migrationsWithDrop().path],
                                     environment: ["ENV": "DEV"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try !lineItemsExist(connection))
        }
    }
}
