import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

@Suite("stripe-oltp status: rows, placeholders, rejects, cursors, runs, lag and its threshold", .needsDatabase)
struct StatusCommandTests {
    /// The JSON status of `db`.
    private static func status(_ db: TestDatabase, _ extra: [String] = []) throws -> (CLI.Result, SyncStatus?) {
        let run = try CLI.run(["status", "--json", "--database-url", db.url] + extra)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (run, try? decoder.decode(SyncStatus.self, from: Data(run.stdout.utf8)))
    }

    /// Records an events cursor whose newest event is `age` seconds old, as an ingested fetch would.
    private static func eventsCursor(ageSeconds age: Int, on connection: PGConnection) throws {
        try connection.query("""
            INSERT INTO stripe_oltp.fetch_cursors (name, created_until, event_id, api_version, fetched_at)
            VALUES ('events', floor(extract(epoch FROM now()))::bigint - $1, 'evt_1', '2025-03-31.basil', now() - make_interval(secs => $1))
            """, [age])
    }

    @Test("a stale event cursor crosses --max-lag: exit 1 naming the lag; a wider threshold passes; no cursor is unknown and crosses too")
    func staleCursorExitsNonZero() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let unknown = try CLI.run(["status", "--max-lag", "1h", "--database-url", db.url])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no fetch was ingested yet"), "\(unknown.stderr)")
            #expect(try CLI.run(["status", "--database-url", db.url]).status == 0, "no threshold, no failure")

            try Self.eventsCursor(ageSeconds: 7_200, on: connection)
            let stale = try CLI.run(["status", "--max-lag", "1h", "--database-url", db.url])
            #expect(stale.status == 1)
            #expect(stale.stderr.contains("exceeds --max-lag 1h 0m"), "\(stale.stderr)")
            #expect(stale.stdout.contains("fetch lag: 2h"), "\(stale.stdout)")
            let fresh = try CLI.run(["status", "--max-lag", "3h", "--database-url", db.url])
            #expect(fresh.status == 0, "\(fresh.stderr)")
            #expect(fresh.stdout.contains("status: ok"))
            let (_, json) = try Self.status(db, ["--max-lag", "3h"])
            #expect((json?.fetchLagSeconds ?? 0) >= 7_200)
            #expect(json?.problems == [])

            let bad = try CLI.run(["status", "--max-lag", "soon", "--database-url", db.url])
            #expect(bad.status == 64)
        }
    }

    @Test("per resource rows, placeholders and outstanding rejects match the tables; last runs and interrupted runs are listed")
    func perResourceAndRuns() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let dir = try TestEnvironment.temporaryDirectory()
            let sample = TestEnvironment.fixturesDirectory.appendingPathComponent("sample")
            for name in try FileManager.default.contentsOfDirectory(atPath: sample.path) {
                try FileManager.default.copyItem(at: sample.appendingPathComponent(name), to: dir.appendingPathComponent(name))
            }
            let products = dir.appendingPathComponent("products.json")
            let good = try String(contentsOf: products, encoding: .utf8)
            try (good + #"{"id":"prod_bad","object":"product","extra":1e1000000}"# + "\n").write(to: products, atomically: true, encoding: .utf8)
            _ = try CLI.run(["ingest", "all", "--dir", dir.path, "--database-url", db.url])
            try connection.query("INSERT INTO stripe_oltp.ingest_runs (source, outcome) VALUES ('killed', 'interrupted')")

            let (run, decoded) = try Self.status(db)
            #expect(run.status == 0, "\(run.stderr)")
            let status = try #require(decoded, "\(run.stdout)")
            for entry in status.resources {
                let counts = try connection.query("""
                    SELECT count(*) FILTER (WHERE NOT is_placeholder) AS rows, count(*) FILTER (WHERE is_placeholder) AS ph
                    FROM \(entry.resource.table)
                    """).first
                #expect(String(entry.rows) == counts?["rows"] && String(entry.placeholders) == counts?["ph"], "\(entry.resource)")
            }
            #expect(status.resources.first { $0.resource == .products }?.rejects == 1)
            #expect(status.resources.filter { $0.resource != .products }.allSatisfy { $0.rejects == 0 })
            #expect(status.resources.contains { $0.placeholders > 0 })
            #expect(status.interruptedRuns == 1)
            #expect(status.lastRuns.first { $0.command == "ingest" }?.outcome == "interrupted")

            // The rejected object, fixed and loaded later, is no longer outstanding.
            try (good + #"{"id":"prod_bad","object":"product","name":"Fixed"}"# + "\n").write(to: products, atomically: true, encoding: .utf8)
            let fixed = try CLI.run(["ingest", "all", "--dir", dir.path, "--database-url", db.url])
            #expect(fixed.status == 0, "\(fixed.stderr)")
            let (_, after) = try Self.status(db)
            #expect(after?.resources.first { $0.resource == .products }?.rejects == 0)
            #expect(after?.lastRuns.first { $0.command == "ingest" }?.outcome == "succeeded")
            #expect(after?.resources.first { $0.resource == .customers }?.newestCreated != nil)
        }
    }
}
