import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// `--schema` and `STRIPE_SCHEMA` through the CLI: migrate, ingest, check, status and
/// mark-mode work in the named schema; fetch and ingest refuse the other mode.
@Suite("--schema through the CLI", .needsDatabase)
struct SchemaCommandTests {
    /// The lines of `migrate status` output that list a version in `state`.
    private static func lines(_ output: String, state: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.contains(" \(state) ") || $0.hasSuffix(" \(state)") }
            .filter { !$0.contains("applied at") }
    }

    @Test("migrate up, migrate status, ingest, check and status work in --schema stripe_test; STRIPE_SCHEMA does the same")
    func wholeChain() throws {
        try TestDatabase.with(migrated: false) { db in
            let files = try MigrationSet(directory: TestEnvironment.migrationsDirectory).files.count
            let up = try CLI.run(["migrate", "up", "--schema", "stripe_test", "--database-url", db.url])
            #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
            #expect(up.stdout.contains("schema stripe_test"), "\(up.stdout)")
            let status = try CLI.run(["migrate", "status", "--schema", "stripe_test", "--database-url", db.url])
            #expect(Self.lines(status.stdout, state: "applied").count == files, "\(status.stdout)")
            let viaEnvironment = try CLI.run(["migrate", "status", "--database-url", db.url], environment: ["STRIPE_SCHEMA": "stripe_test"])
            #expect(Self.lines(viaEnvironment.stdout, state: "applied").count == files, "\(viaEnvironment.stdout)")
            let defaultSchema = try CLI.run(["migrate", "status", "--database-url", db.url])
            #expect(Self.lines(defaultSchema.stdout, state: "pending").count == files, "\(defaultSchema.stdout)")

            let ingest = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--schema", "stripe_test", "--database-url", db.url])
            #expect(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")
            let check = try CLI.run(["check", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url],
                                    environment: ["STRIPE_SCHEMA": "stripe_test"])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            let plain = try db.connect()
            #expect(try plain.query("SELECT count(*) FROM stripe_test.customers").scalar(Int.self) ?? 0 > 0)
            #expect(try plain.query("SELECT to_regnamespace('stripe') IS NULL AND to_regnamespace('stripe_oltp') IS NULL").scalar(Bool.self) == true)
            let sync = try CLI.run(["status", "--json", "--schema", "stripe_test", "--database-url", db.url])
            let fields = try #require(try JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: Any], "\(sync.stderr)")
            #expect(fields["schema"] as? String == "stripe_test" && fields["mode"] as? String == "test", "\(sync.stdout)")
            let text = try CLI.run(["status", "--schema", "stripe_test", "--database-url", db.url])
            #expect(text.stdout.contains("schema: stripe_test (test-mode data)"), "\(text.stdout)")
        }
    }

    @Test("a bad --schema or STRIPE_SCHEMA is refused with the reason before anything is done")
    func badName() throws {
        let flag = try CLI.run(["migrate", "status", "--schema", "Stripe-Test", "--database-url", "postgres://nobody@127.0.0.1:1/none"])
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("may hold only lowercase letters") || flag.stderr.contains("must start with a lowercase letter"), "\(flag.stderr)")
        let variable = try CLI.run(["migrate", "status", "--database-url", "postgres://nobody@127.0.0.1:1/none"],
                                   environment: ["STRIPE_SCHEMA": "pg_data"])
        #expect(variable.status != 0)
        #expect(variable.stderr.contains("STRIPE_SCHEMA") && variable.stderr.contains("reserves"), "\(variable.stderr)")
    }

    @Test("mark-mode live, then a test-mode dump is refused naming its first object; mark-mode keeps a recorded mode without --replace, and under PROD even with it")
    func markModeAndIngestRefusal() throws {
        try TestDatabase.with(migrated: false) { db in
            #expect(try CLI.run(["migrate", "up", "--schema", "stripe_live", "--database-url", db.url]).status == 0)
            let mark = try CLI.run(["migrate", "mark-mode", "live", "--schema", "stripe_live", "--database-url", db.url])
            #expect(mark.status == 0, "\(mark.stdout)\(mark.stderr)")
            let switched = try CLI.run(["migrate", "mark-mode", "test", "--schema", "stripe_live", "--database-url", db.url])
            #expect(switched.status != 0 && switched.stderr.contains("--replace"), "\(switched.stderr)")
            let underProd = try CLI.run(["migrate", "mark-mode", "test", "--replace", "--schema", "stripe_live", "--database-url", db.url],
                                        environment: ["ENV": "PROD"])
            #expect(underProd.status != 0 && underProd.stderr.contains("production"), "\(underProd.stderr)")
            let ingest = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--schema", "stripe_live", "--database-url", db.url])
            #expect(ingest.status != 0)
            #expect(ingest.stderr.contains("is test-mode data") && ingest.stderr.contains("schema stripe_live holds live-mode data"),
                    "\(ingest.stderr)")
            #expect(ingest.stderr.contains("line 1: object "), "\(ingest.stderr)")
            let plain = try db.connect()
            #expect(try plain.query("SELECT count(*) FROM stripe_live.products").scalar(Int.self) == 0)
            #expect(try plain.query("SELECT livemode FROM stripe_live_oltp.schema_mode").scalar(Bool.self) == true)
        }
    }

    @Test("fetch with a test-mode key into a live-mode schema is refused before any request, writing no file")
    func fetchRefused() async throws {
        try await TestDatabase.asyncWith(migrated: false) { db in
            try await withEmulator(seedDirectory: sampleDirectory) { running in
                #expect(try CLI.run(["migrate", "up", "--schema", "stripe_live", "--database-url", db.url]).status == 0)
                #expect(try CLI.run(["migrate", "mark-mode", "live", "--schema", "stripe_live", "--database-url", db.url]).status == 0)
                let out = try TestEnvironment.temporaryDirectory().appendingPathComponent("dump").path
                let refused = try CLI.run(["fetch", "--full", "--out", out, "--schema", "stripe_live", "--database-url", db.url],
                                          environment: fetchEnvironment(running))
                #expect(refused.status != 0)
                #expect(refused.stderr.contains("STRIPE_SECRET_KEY (a test-mode key)") && refused.stderr.contains("holds live-mode data"),
                        "\(refused.stderr)")
                #expect(!FileManager.default.fileExists(atPath: out))
                let testSchema = try CLI.run(["fetch", "--full", "--resources", "products", "--out", out, "--schema", "stripe_test",
                                              "--database-url", db.url], environment: fetchEnvironment(running))
                #expect(testSchema.status == 0, "\(testSchema.stderr)")
            }
        }
    }
}
