import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

@Suite("run telemetry in stripe_oltp.event_log, read with SQL", .needsDatabase)
struct EventLogTests {
    /// `event|run_id|payload->>field…` of every event, in order.
    private static func events(_ connection: PGConnection, _ fields: [String]) throws -> [String] {
        let columns = (["event", "run_id"] + fields.map { "coalesce(payload->>'\($0)', '∅')" }).joined(separator: " || '|' || ")
        return try connection.query("SELECT \(columns) AS line FROM stripe_oltp.event_log ORDER BY id").rows.compactMap { $0["line"] }
    }

    /// Payload fields every event carries.
    private static let common = ["run_id", "schema", "api_version", "host", "duration_seconds"]

    @Test("ingest writes ingest.started and ingest.completed with the run id, per-resource counts and seconds; check writes its verdict")
    func ingestAndCheck() throws {
        try TestDatabase.with { db in
            let dir = TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path
            let ingest = try CLI.run(["ingest", "all", "--dir", dir, "--database-url", db.url])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let connection = try db.connect()
            let runID = try #require(try connection.query("SELECT max(id)::text AS id FROM stripe_oltp.ingest_runs").first?["id"])
            let rows = try connection.query("""
                SELECT event, run_id, schema, payload->>'run_id' AS payload_run, payload->>'schema' AS payload_schema,
                       payload->>'api_version' AS api, payload->>'host' AS host, (payload->>'duration_seconds')::float8 >= 0 AS timed,
                       payload->'resources'->'customers'->>'inserted' AS customers,
                       payload->'resources'->'customers'->>'seconds' AS customer_seconds, payload->>'outcome' AS outcome
                FROM stripe_oltp.event_log WHERE event LIKE 'ingest.%' ORDER BY id
                """).rows
            #expect(rows.map { $0["event"] } == ["ingest.started", "ingest.completed"])
            #expect(rows.allSatisfy { $0["run_id"] == runID && $0["payload_run"] == runID })
            #expect(rows.allSatisfy { $0["schema"] == "stripe" && $0["payload_schema"] == "stripe" })
            #expect(rows.allSatisfy { $0["api"] == StripeClientConfiguration.defaultAPIVersion && $0["host"]?.isEmpty == false })
            #expect(rows.allSatisfy { $0["timed"] == "t" })
            let customers = try connection.query("SELECT count(*) FROM stripe.customers WHERE NOT is_placeholder").scalar(Int.self)
            #expect(rows.last?["customers"] == customers.map(String.init))
            #expect(rows.last?["customer_seconds"] != nil && rows.last?["outcome"] == "succeeded")

            let check = try CLI.run(["check", "--dir", dir, "--database-url", db.url])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            let last = try Self.events(connection, ["verdict"] + Self.common).last ?? ""
            let cells = last.split(separator: "|").map(String.init)
            #expect(cells.first == "check.completed" && cells.count == 8 && cells[2] == "match", "\(last)")
            #expect(!cells.contains("∅"), "\(last)")
        }
    }

    @Test("ingest writes one upsert.completed per resource loaded, with its counts, seconds and the common keys, between start and completion")
    func upsertCompleted() throws {
        try TestDatabase.with { db in
            let dir = TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path
            let ingest = try CLI.run(["ingest", "all", "--dir", dir, "--database-url", db.url])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let connection = try db.connect()
            let runID = try #require(try connection.query("SELECT max(id)::text AS id FROM stripe_oltp.ingest_runs").first?["id"])
            let events = try connection.query("SELECT event FROM stripe_oltp.event_log ORDER BY id").rows.compactMap { $0["event"] }
            #expect(events.first == "ingest.started" && events.last == "ingest.completed", "\(events)")
            let upserts = try connection.query("""
                SELECT run_id, payload->>'resource' AS resource, (payload->>'inserted')::int AS inserted,
                       (payload->>'seconds')::float8 >= 0 AS timed, payload->>'outcome' AS outcome,
                       payload ?& array['run_id', 'schema', 'api_version', 'host', 'duration_seconds'] AS common
                FROM stripe_oltp.event_log WHERE event = 'upsert.completed' ORDER BY id
                """).rows
            let loaded = try connection.query(
                "SELECT jsonb_array_length(summary) - (SELECT count(*) FROM jsonb_array_elements(summary) e WHERE e->>'outcome' = 'missing') AS n FROM stripe_oltp.ingest_runs WHERE id = $1::bigint",
                [runID]).scalar(Int.self)
            #expect(upserts.count == loaded && upserts.count > 1, "\(upserts.count) vs \(String(describing: loaded))")
            #expect(upserts.allSatisfy { $0["run_id"] == runID && $0["timed"] == "t" && $0["common"] == "t" && $0["outcome"] == "loaded" })
            let customers = try connection.query("SELECT count(*) FROM stripe.customers WHERE NOT is_placeholder").scalar(Int.self)
            #expect(upserts.first { $0["resource"] == "customers" }?["inserted"] == customers.map(String.init))
        }
    }

    @Test("check's check.completed carries the run id of the check's own log lines")
    func telemetryJoinsLogs() throws {
        try TestDatabase.with { db in
            let dir = TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path
            #expect(try CLI.run(["ingest", "all", "--dir", dir, "--database-url", db.url, "-q"]).status == 0)
            let check = try CLI.run(["check", "--dir", dir, "--database-url", db.url, "-v", "--log-format", "json"])
            #expect(check.status == 0, "\(check.stderr)")
            let logged = Set(check.stderr.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["run_id"] as? String
            })
            let recorded = try db.connect().query(
                "SELECT run_id FROM stripe_oltp.event_log WHERE event = 'check.completed'").rows.compactMap { $0["run_id"] }
            #expect(logged.count == 1 && recorded == Array(logged), "\(logged) vs \(recorded)")
        }
    }

    @Test("fetch writes fetch.completed with requests, retries and 429s; populate writes populate.completed")
    func fetchAndPopulate() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            try TestDatabase.with { db in
                running.emulator.setFaults(FaultConfiguration(rateLimitEvery: 5, retryAfterSeconds: 0))
                let out = try TestEnvironment.temporaryDirectory().path
                let fetched = try CLI.run(["fetch", "--full", "--out", out, "--database-url", db.url], environment: fetchEnvironment(running))
                #expect(fetched.status == 0, "\(fetched.stderr)")
                running.emulator.setFaults(FaultConfiguration())
                let connection = try db.connect()
                let line = try Self.events(connection, ["requests", "retries", "rate_limited"] + Self.common).last ?? ""
                let cells = line.split(separator: "|").map(String.init)
                #expect(cells.first == "fetch.completed" && cells.count == 10 && !cells.contains("∅"), "\(line)")
                let answered = running.emulator.requestLog.count
                #expect(cells.count == 10 && Int(cells[2]) == answered, "\(line) vs \(answered) requests answered")
                #expect(cells.count == 10 && (Int(cells[4]) ?? 0) > 0 && Int(cells[3]) == Int(cells[4]), "\(line)")
            }
        }
        try await PopulateEmulator.with { running in
            try TestDatabase.with { db in
                var environment = PopulateEmulator.cliEnvironment(running)
                environment["DATABASE_URL"] = db.url
                let manifest = try TestEnvironment.temporaryDirectory().appendingPathComponent("m.json").path
                let populated = try CLI.run(["populate", "--manifest", manifest], environment: environment)
                #expect(populated.status == 0, "\(populated.stderr)")
                let line = try Self.events(try db.connect(), ["created", "failed"] + Self.common).last ?? ""
                let cells = line.split(separator: "|").map(String.init)
                #expect(cells.first == "populate.completed" && !cells.contains("∅") && cells.count == 9, "\(line)")
                #expect(cells.count == 9 && (Int(cells[2]) ?? 0) > 0 && cells[3] == "0", "\(line)")
            }
        }
    }
}
