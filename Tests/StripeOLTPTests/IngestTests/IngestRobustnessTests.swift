import Foundation
import Postgres
import StripeGenerator
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("Ingest under interruption and concurrency", .needsDatabase)
struct IngestRobustnessTests {
    private static func syntheticDumps(customers: Int) throws -> String {
        let dir = try TestEnvironment.temporaryDirectory()
        _ = try SyntheticDumpGenerator(
            templates: TestEnvironment.fixturesDirectory.appendingPathComponent("stripe-shapes.json"), seed: 11
        ).write(customers: customers, to: dir, format: .ndjson)
        return dir.path
    }

    private static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = TestEnvironment.binary
        process.arguments = arguments
        process.currentDirectoryURL = TestEnvironment.cliDirectory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("killing ingest mid-run keeps nothing of the run (never half a resource), and a rerun gives the same database as an uninterrupted run")
    func killMidIngest() throws {
        let dumps = try Self.syntheticDumps(customers: 1500)
        let reference = try TestDatabase.with { db -> [String: String] in
            let result = try CLI.run(["ingest", "all", "--dir", dumps, "--database-url", db.url])
            #expect(result.status == 0, "\(result.stderr)")
            return try IngestFixtures.contentDigest(try db.connect())
        }
        try TestDatabase.with { db in
            let connection = try db.connect()
            let schemaObjects = """
                SELECT (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'stripe'::regnamespace)
                     + (SELECT count(*) FROM pg_indexes WHERE schemaname = 'stripe')
                """
            let before = try connection.query(schemaObjects).scalar(Int.self) ?? 0
            #expect(before > 20)
            let process = try Self.start(["ingest", "all", "--dir", dumps, "--database-url", db.url, "--batch-size", "200"])
            // Wait until the run is copying invoices (earlier resources are loaded, uncommitted), then kill it.
            let deadline = Date().addingTimeInterval(120)
            var copying = false
            while Date() < deadline, process.isRunning, !copying {
                copying = try connection.query("""
                    SELECT count(*) FROM pg_stat_progress_copy WHERE datname = current_database()
                    AND relid IN ('stripe.invoices'::regclass, 'stripe.invoice_line_items'::regclass)
                    """).scalar(Int.self) ?? 0 > 0
                if !copying { Thread.sleep(forTimeInterval: 0.005) }
            }
            #expect(copying && process.isRunning, "ingest finished before it could be interrupted")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)

            // The run is one transaction: nothing of it is visible, not even the resources it had loaded.
            let runs = try connection.query("SELECT outcome FROM stripe_oltp.ingest_runs").rows.map { $0["outcome"] }
            #expect(runs == ["running"])
            for resource in Resource.allCases {
                let loaded = try connection.query("SELECT count(*) FROM \(resource.table)").scalar(Int.self) ?? 0
                #expect(loaded == 0, "\(resource): \(loaded) rows survived the kill")
            }
            // The first load drops and rebuilds indexes and foreign keys inside the run: all are still there.
            #expect(try connection.query(schemaObjects).scalar(Int.self) == before)

            let rerun = try CLI.run(["ingest", "all", "--dir", dumps, "--database-url", db.url])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try IngestFixtures.contentDigest(connection) == reference)
        }
    }

    /// A copy of the dumps in `source` where every customer is renamed and every invoice gets a
    /// new description: a second ingest of it takes the update path for those resources.
    private static func changedCopy(of source: String) throws -> String {
        let dir = try TestEnvironment.temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            let from = URL(fileURLWithPath: source).appendingPathComponent(name)
            let to = dir.appendingPathComponent(name)
            guard name == "customers.json" || name == "invoices.json" else {
                try FileManager.default.copyItem(at: from, to: to)
                continue
            }
            let lines = try String(contentsOf: from, encoding: .utf8).split(separator: "\n").map { line -> String in
                guard var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return String(line) }
                if name == "customers.json" { object["name"] = "Renamed \(object["id"] ?? "")" } else { object["description"] = "changed" }
                return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            }
            try (lines.joined(separator: "\n") + "\n").write(to: to, atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test("killing a re-ingest over changed dumps (the update path) leaves the database as before the run, and a rerun equals an uninterrupted one")
    func killMidReingest() throws {
        // Large enough that staging the invoices outlasts the 5 ms poll many times over.
        let original = try Self.syntheticDumps(customers: 900)
        let changed = try Self.changedCopy(of: original)
        let reference = try TestDatabase.with { db -> [String: String] in
            #expect(try CLI.run(["ingest", "all", "--dir", original, "--database-url", db.url]).status == 0)
            let second = try CLI.run(["ingest", "all", "--dir", changed, "--database-url", db.url])
            #expect(second.status == 0, "\(second.stderr)")
            return try IngestFixtures.contentDigest(try db.connect())
        }
        try TestDatabase.with { db in
            let connection = try db.connect()
            let first = try CLI.run(["ingest", "all", "--dir", original, "--database-url", db.url])
            #expect(first.status == 0, "\(first.stderr)")
            let before = try IngestFixtures.contentDigest(connection)
            #expect(before != reference, "the changed dumps change nothing")
            let renamed = "SELECT count(*) FROM stripe.customers WHERE name LIKE 'Renamed %'"
            #expect(try connection.query(renamed).scalar(Int.self) == 0)

            let process = try Self.start(["ingest", "all", "--dir", changed, "--database-url", db.url, "--batch-size", "200"])
            // Wait until the run stages invoices (customers are already updated, uncommitted), then kill it.
            let deadline = Date().addingTimeInterval(120)
            var copying = false
            while Date() < deadline, process.isRunning, !copying {
                copying = try connection.query("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
                      AND (query LIKE '%\\_stage\\_invoice%' OR query LIKE '%stripe.invoice%')
                    """).scalar(Int.self) ?? 0 > 0
                if !copying { Thread.sleep(forTimeInterval: 0.005) }
            }
            #expect(copying && process.isRunning, "the re-ingest finished before it could be interrupted")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)

            #expect(try IngestFixtures.contentDigest(connection) == before)
            #expect(try connection.query(renamed).scalar(Int.self) == 0)
            let runs = try connection.query("SELECT outcome FROM stripe_oltp.ingest_runs ORDER BY started_at").rows.map { $0["outcome"] }
            #expect(runs == ["succeeded", "running"])

            let rerun = try CLI.run(["ingest", "all", "--dir", changed, "--database-url", db.url])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try IngestFixtures.contentDigest(connection) == reference)
            #expect((try connection.query(renamed).scalar(Int.self) ?? 0) > 800)
        }
    }

    @Test("two ingest runs against one database take turns")
    func concurrentRunsSerialize() throws {
        let dumps = try Self.syntheticDumps(customers: 300)
        try TestDatabase.with { db in
            let first = try Self.start(["ingest", "all", "--dir", dumps, "--database-url", db.url])
            let second = try Self.start(["ingest", "all", "--dir", dumps, "--database-url", db.url])
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(first.terminationStatus == 0)
            #expect(second.terminationStatus == 0)
            let connection = try db.connect()
            let runs = try connection.query("""
                SELECT outcome, started_at, finished_at FROM stripe_oltp.ingest_runs ORDER BY started_at
                """).rows
            #expect(runs.count == 2)
            #expect(runs.allSatisfy { $0["outcome"] == "succeeded" })
            let overlap = try connection.query("""
                SELECT count(*) FROM stripe_oltp.ingest_runs a JOIN stripe_oltp.ingest_runs b ON a.id < b.id
                WHERE a.started_at < b.finished_at AND b.started_at < a.finished_at
                """).scalar(Int.self)
            #expect(overlap == 0)
            let summaries = try connection.query("""
                SELECT sum((r->>'inserted')::int) AS inserted FROM stripe_oltp.ingest_runs, jsonb_array_elements(summary) r
                GROUP BY id ORDER BY id
                """).rows.map { $0["inserted"] }
            #expect(summaries.last == "0")
        }
    }
}
