import Foundation
import Postgres
import StripeJSON
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("Migrator", .needsDatabase)
struct MigratorTests {
    private func folder(_ files: [String: String]) throws -> URL {
        let dir = try TestEnvironment.temporaryDirectory()
        for (name, sql) in files {
            try sql.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    private func migrator(_ connection: PGConnection, _ dir: URL) throws -> Migrator {
        Migrator(connection: connection, migrations: try MigrationSet(directory: dir), environment: .test)
    }

    @Test("applies files in version order and records their checksums")
    func appliesInOrder() throws {
        let dir = try folder([
            "0002_add_b.sql": "INSERT INTO steps VALUES (2);",
            "0001_create.sql": "CREATE TABLE steps (n int, at timestamptz DEFAULT clock_timestamp()); INSERT INTO steps VALUES (1);",
            "0010_add_c.sql": "INSERT INTO steps VALUES (10);",
        ])
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            let applied = try migrator(connection, dir).up()
            #expect(applied.map(\.version) == [1, 2, 10])
            let order = try connection.query("SELECT n FROM steps ORDER BY at").rows.map { try $0.require("n", as: Int.self) }
            #expect(order == [1, 2, 10])
            let ledger = try connection.query("SELECT version, checksum FROM stripe_oltp.schema_migrations ORDER BY version").rows
            #expect(ledger.count == 3)
            let expected = Digest.sha256Hex(Array("INSERT INTO steps VALUES (2);".utf8))
            #expect(ledger[1]["checksum"] == expected)
            // A second run has nothing to do.
            #expect(try migrator(connection, dir).up().isEmpty)
            #expect(try migrator(connection, dir).status().allSatisfy { $0.kind == .applied })
        }
    }

    @Test("refuses an applied file that was edited, naming it")
    func refusesEditedFile() throws {
        let dir = try folder(["0001_create.sql": "CREATE TABLE a (n int);"])
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try migrator(connection, dir).up()
            try "CREATE TABLE a (n bigint);".write(to: dir.appendingPathComponent("0001_create.sql"), atomically: true, encoding: .utf8)
            let error = try #require(throws: LoaderError.self) { try migrator(connection, dir).up() }
            #expect(error.description.contains("0001_create.sql"))
            #expect(error.description.contains("edited"))
            #expect(throws: LoaderError.self) { try migrator(connection, dir).verify() }
            #expect(try migrator(connection, dir).status().first?.kind == .changed)
        }
    }

    @Test("refuses an applied version whose file is gone")
    func refusesMissingFile() throws {
        let dir = try folder(["0001_create.sql": "CREATE TABLE a (n int);", "0002_more.sql": "CREATE TABLE b (n int);"])
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try migrator(connection, dir).up()
            try FileManager.default.removeItem(at: dir.appendingPathComponent("0002_more.sql"))
            let error = try #require(throws: LoaderError.self) { try migrator(connection, dir).up() }
            #expect(error.description.contains("0002_more.sql"))
            #expect(error.description.contains("no such file"))
        }
    }

    @Test("refuses a pending version lower than the highest applied one")
    func refusesOutOfOrder() throws {
        let dir = try folder(["0001_create.sql": "CREATE TABLE a (n int);", "0003_later.sql": "CREATE TABLE c (n int);"])
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try migrator(connection, dir).up()
            try "CREATE TABLE b (n int);".write(to: dir.appendingPathComponent("0002_middle.sql"), atomically: true, encoding: .utf8)
            let error = try #require(throws: LoaderError.self) { try migrator(connection, dir).up() }
            #expect(error.description.contains("0002_middle.sql"))
            #expect(try connection.query("SELECT to_regclass('b') IS NULL").scalar(Bool.self) == true)
        }
    }

    @Test("refuses duplicate version numbers and badly named files")
    func refusesBadFolder() throws {
        let duplicate = try folder(["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 2;"])
        let error = try #require(throws: LoaderError.self) { _ = try MigrationSet(directory: duplicate) }
        #expect(error.description.contains("duplicate version 1"))
        let badName = try folder(["create-things.sql": "SELECT 1;"])
        let nameError = try #require(throws: LoaderError.self) { _ = try MigrationSet(directory: badName) }
        #expect(nameError.description.contains("create-things.sql"))
    }

    @Test("a file with a syntax error rolls back completely and is named")
    func syntaxErrorRollsBack() throws {
        let dir = try folder([
            "0001_ok.sql": "CREATE TABLE ok (n int);",
            "0002_broken.sql": "CREATE TABLE half (n int);\nINSERT INTO half VALUES (1);\nCREAT TABLE oops (n int);",
        ])
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            let error = try #require(throws: LoaderError.self) { try migrator(connection, dir).up() }
            #expect(error.description.contains("0002_broken.sql"))
            #expect(error.description.contains("42601"))
            #expect(try connection.query("SELECT to_regclass('half') IS NULL").scalar(Bool.self) == true)
            #expect(try connection.query("SELECT to_regclass('ok') IS NOT NULL").scalar(Bool.self) == true)
            let versions = try connection.query("SELECT version FROM stripe_oltp.schema_migrations").rows.map { $0["version"] }
            #expect(versions == ["1"])
        }
    }

    @Test("a file may opt out of the transaction, e.g. for CREATE INDEX CONCURRENTLY")
    func noTransactionFile() throws {
        let dir = try folder([
            "0001_table.sql": "CREATE TABLE big (n int);",
            "0002_index.sql": "-- migrate: no-transaction\nCREATE INDEX CONCURRENTLY big_n_idx ON big (n);",
        ])
        let set = try MigrationSet(directory: dir)
        #expect(set.files.map(\.transactional) == [true, false])
        try TestDatabase.with(migrated: false) { db in
            let connection = try db.connect()
            try migrator(connection, dir).up()
            #expect(try connection.query("SELECT to_regclass('big_n_idx') IS NOT NULL").scalar(Bool.self) == true)
        }
    }

    @Test("two migrators at once apply each file exactly once")
    func concurrentMigrators() throws {
        let dir = try folder([
            "0001_create.sql": "CREATE TABLE applied (file text);",
            "0002_slow.sql": "SELECT pg_sleep(0.3); INSERT INTO applied VALUES ('0002');",
            "0003_more.sql": "INSERT INTO applied VALUES ('0003');",
        ])
        try TestDatabase.with(migrated: false) { db in
            let errors = ErrorBox()
            let group = DispatchGroup()
            for _ in 0..<2 {
                group.enter()
                DispatchQueue.global().async {
                    defer { group.leave() }
                    do {
                        let connection = try db.connect()
                        try Migrator(connection: connection, migrations: try MigrationSet(directory: dir), environment: .test).up()
                    } catch {
                        errors.add("\(error)")
                    }
                }
            }
            group.wait()
            #expect(errors.all.isEmpty)
            let connection = try db.connect()
            let rows = try connection.query("SELECT file, count(*) AS n FROM applied GROUP BY file ORDER BY file").rows
            #expect(rows.map { $0["file"] } == ["0002", "0003"])
            #expect(rows.allSatisfy { $0["n"] == "1" })
            #expect(try connection.query("SELECT count(*) FROM stripe_oltp.schema_migrations").scalar(Int.self) == 3)
        }
    }

    @Test("the project's migrations apply, verify, and record the environment")
    func projectMigrations() throws {
        try TestDatabase.with(migrated: true) { db in
            let connection = try db.connect()
            let migrator = Migrator(
                connection: connection, migrations: try MigrationSet(directory: TestEnvironment.migrationsDirectory),
                environment: .test)
            try migrator.verify()
            #expect(try connection.query("SELECT env FROM stripe_oltp.environment").scalar(String.self) == "TEST")
            let tables = try connection.query("""
                SELECT count(*) FROM information_schema.tables WHERE table_schema = 'stripe'
                """).scalar(Int.self)
            let catalogTables = Resource.allCases.reduce(0) { $0 + 1 + ResourceSpec.of($1).children.count }
            #expect(tables == catalogTables)
        }
    }

    @Test("migrate new creates the next numbered file")
    func newFile() throws {
        let dir = try folder(["0001_a.sql": "SELECT 1;", "0007_b.sql": "SELECT 1;"])
        let url = try Migrator.newFile(named: "add_refunds", in: try MigrationSet(directory: dir))
        #expect(url.lastPathComponent == "0008_add_refunds.sql")
        #expect(try MigrationSet(directory: dir).files.map(\.version) == [1, 7, 8])
    }
}

/// Collects errors from concurrent work.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ error: String) { lock.lock(); errors.append(error); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return errors }
}
