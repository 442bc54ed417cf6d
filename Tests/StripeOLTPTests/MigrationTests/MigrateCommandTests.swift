import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

@Suite("migrate status, verify and new through the CLI; lz4 on raw and metadata")
struct MigrateCommandTests {
    /// The project's migration file names, in version order.
    private static func projectFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: TestEnvironment.migrationsDirectory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
    }

    /// A copy of the project's migrations plus `extra` files, in a new folder.
    private static func migrationsCopy(adding extra: [String: String] = [:]) throws -> URL {
        let folder = try TestEnvironment.temporaryDirectory()
        for name in try projectFiles() {
            try FileManager.default.copyItem(at: TestEnvironment.migrationsDirectory.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        for (name, sql) in extra { try sql.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test("migrate status lists every file as applied on a migrated database, and a pending one as pending")
    func status() throws {
        try TestDatabase.with { db in
            let files = try Self.projectFiles()
            let applied = try CLI.run(["migrate", "status", "--database-url", db.url])
            #expect(applied.status == 0, "\(applied.stderr)")
            let rows = applied.stdout.split(separator: "\n").filter { $0.contains("applied") && !$0.contains("applied at") }
            #expect(rows.count == files.count, "\(applied.stdout)")
            let pendingDir = try Self.migrationsCopy(adding: ["9001_later_change.sql": "SELECT 1;"])
            let pending = try CLI.run(["migrate", "status", "--database-url", db.url, "--migrations-dir", pendingDir.path])
            let line = try #require(pending.stdout.split(separator: "\n").first { $0.contains("later_change") })
            #expect(line.contains("9001") && line.contains("pending"), "\(line)")
            #expect(!line.contains("applied"))
        }
    }

    @Test("migrate verify exits 0 when nothing is pending and non-zero naming the first pending file, via --migrations-dir and MIGRATIONS_DIR")
    func verify() throws {
        try TestDatabase.with { db in
            let clean = try CLI.run(["migrate", "verify", "--database-url", db.url])
            #expect(clean.status == 0, "\(clean.stderr)")
            #expect(clean.stdout.contains("verified, nothing pending"))
            let pendingDir = try Self.migrationsCopy(adding: ["9001_later_change.sql": "SELECT 1;", "9002_even_later.sql": "SELECT 2;"])
            let viaFlag = try CLI.run(["migrate", "verify", "--database-url", db.url, "--migrations-dir", pendingDir.path])
            let viaEnvironment = try CLI.run(["migrate", "verify", "--database-url", db.url],
                                             environment: ["MIGRATIONS_DIR": pendingDir.path])
            for result in [viaFlag, viaEnvironment] {
                #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
                #expect(result.stderr.contains("9001_later_change.sql"), "\(result.stderr)")
                #expect(result.stderr.contains("is pending (2 pending in all)"), "\(result.stderr)")
                #expect(!result.stdout.contains("verified"))
            }
            // Nothing was applied by verify.
            let ledger = try db.connect().query("SELECT max(version) FROM stripe_oltp.schema_migrations").scalar(Int.self)
            #expect(ledger.map { $0 < 9001 } == true)
        }
    }

    @Test("migrate new NAME writes the next-numbered file into --migrations-dir or MIGRATIONS_DIR; a bad name is a usage error")
    func newFile() throws {
        let viaFlag = try Self.migrationsCopy()
        let highest = try #require(try Self.projectFiles().last.flatMap { Int($0.prefix(4)) })
        let expected = String(format: "%04d_add_refunds.sql", highest + 1)
        let created = try CLI.run(["migrate", "new", "add_refunds", "--migrations-dir", viaFlag.path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: viaFlag.appendingPathComponent(expected).path))
        #expect(created.stdout.contains(expected))

        let viaEnvironment = try TestEnvironment.temporaryDirectory()
        try "SELECT 1;".write(to: viaEnvironment.appendingPathComponent("0041_first.sql"), atomically: true, encoding: .utf8)
        let fromEnvironment = try CLI.run(["migrate", "new", "second_step"], environment: ["MIGRATIONS_DIR": viaEnvironment.path])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: viaEnvironment.path).sorted()
        #expect(names == ["0041_first.sql", "0042_second_step.sql"])
        // The project's own folder is untouched.
        #expect(try Self.projectFiles().allSatisfy { !$0.contains("add_refunds") && !$0.contains("second_step") })

        let bad = try CLI.run(["migrate", "new", "Bad-Name", "--migrations-dir", viaFlag.path])
        #expect(bad.status == 64, "exit \(bad.status): \(bad.stderr)")
        #expect(bad.stderr.contains("snake_case"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: viaFlag.path).count == (try Self.projectFiles().count + 1))
    }

    @Test("raw and metadata are stored with lz4 when the server offers it (as the project's servers do), else keep the default")
    func lz4OnRawAndMetadata() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let offered = try connection.query("""
                SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'
                """).scalar(Bool.self) ?? false
            let columns = try connection.query("""
                SELECT c.relname || '.' || a.attname AS col, a.attcompression::text AS method
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                WHERE c.relnamespace = 'stripe'::regnamespace AND c.relkind = 'r'
                  AND a.attname IN ('raw', 'metadata') AND a.attnum > 0 AND NOT a.attisdropped
                """).rows
            #expect(columns.count >= 8, "\(columns.count) raw/metadata columns")
            let names = Set(columns.compactMap { $0["col"] })
            #expect(names.contains("customers.raw") && names.contains("customers.metadata"))
            guard offered else {
                print("note: this PostgreSQL server was built without lz4; checking that raw and metadata keep the default")
                #expect(columns.allSatisfy { ($0["method"] ?? "").isEmpty }, "\(columns)")
                return
            }
            for column in columns {
                #expect(column["method"] == "l", "\(column["col"] ?? "?") has compression '\(column["method"] ?? "")'")
            }
            #expect(try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url]).status == 0)
            let methods = try connection.query("""
                SELECT pg_column_compression(raw) AS method, count(*) AS n FROM stripe.invoices
                WHERE pg_column_compression(raw) IS NOT NULL GROUP BY 1
                """).rows.compactMap { $0["method"] }
            #expect(methods == ["lz4"], "compressed invoice objects use \(methods)")
        }
    }
}
