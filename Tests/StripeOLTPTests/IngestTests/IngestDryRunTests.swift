import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

@Suite("ingest --dry-run: the run is rolled back, nothing is written, the counts are the real run's", .needsDatabase)
struct IngestDryRunTests {
    /// Every row of every table of the `stripe` and `stripe_oltp` schemas (bookkeeping included),
    /// digested per table, so any write shows.
    private static func everything(_ connection: PGConnection) throws -> [String: String] {
        let tables = try connection.query("""
            SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
            WHERE schemaname IN ('stripe', 'stripe_oltp') ORDER BY 1
            """).rows.compactMap { $0["name"] }
        var digests: [String: String] = [:]
        for table in tables {
            digests[table] = try connection.query(
                "SELECT count(*) || ':' || md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM \(table) r")
                .scalar(String.self)
        }
        return digests
    }

    /// The report of `ingest all --dir dir --json` (plus `extra` arguments).
    private static func ingest(_ dir: URL, _ db: TestDatabase, _ extra: [String] = []) throws -> (Int32, IngestReport) {
        let run = try CLI.run(["ingest", "all", "--dir", dir.path, "--database-url", db.url, "--json"] + extra)
        let report = try JSONDecoder().decode(IngestReport.self, from: Data(run.stdout.utf8))
        return (run.status, report)
    }

    /// The counts of each resource, without the timings.
    private static func counts(_ report: IngestReport) -> [ResourceSummary] {
        report.resources.map { summary in
            var copy = summary
            copy.seconds = 0
            return copy
        }
    }

    /// A copy of the sample folder whose products.json also holds `lines`.
    private static func sample(adding lines: [String], replacingProducts: Bool = false) throws -> URL {
        let folder = try TestEnvironment.temporaryDirectory()
        let sample = URL(fileURLWithPath: IngestFixtures.sampleDirectory)
        for name in try FileManager.default.contentsOfDirectory(atPath: sample.path) {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let products = folder.appendingPathComponent("products.json")
        let kept = replacingProducts ? "" : try String(contentsOf: products, encoding: .utf8)
        try (kept + lines.joined(separator: "\n") + "\n").write(to: products, atomically: true, encoding: .utf8)
        return folder
    }

    /// Dry run, then the real run, of `dir`: the dry run leaves every table as it was, and its
    /// counts and exit status are the real run's.
    private static func dryThenReal(_ dir: URL, _ db: TestDatabase) throws -> IngestReport {
        let connection = try db.connect()
        let before = try everything(connection)
        let (dryStatus, dry) = try ingest(dir, db, ["--dry-run"])
        #expect(dry.dryRun)
        #expect(try everything(connection) == before, "a dry run wrote to the database")
        let (realStatus, real) = try ingest(dir, db)
        #expect(!real.dryRun && real.dryRunRejects.isEmpty)
        #expect(counts(dry) == counts(real))
        #expect(dryStatus == realStatus)
        #expect(try everything(connection) != before, "the real run wrote nothing: the comparison proves nothing")
        return dry
    }

    @Test("a first load and a re-load with changes, deletions and a reject: dry run writes nothing and counts what the real run then does")
    func dryRunMatchesRealRun() throws {
        try TestDatabase.with { db in
            let bad = #"{"id":"prod_bad","object":"product","extra":1e1000000}"#
            let first = try Self.dryThenReal(try Self.sample(adding: [bad]), db)
            #expect(first.resources.first { $0.resource == .products }?.rejected == 1)
            #expect(first.dryRunRejects.map(\.objectID) == ["prod_bad"])
            #expect(first.resources.reduce(0) { $0 + $1.inserted } > 0)
            #expect(first.resources.reduce(0) { $0 + $1.placeholdersCreated } > 0)

            let changed = try Self.sample(adding: [
                #"{"id":"prod_3YkTrmYTfQth32","object":"product","name":"Renamed","active":true,"created":1643217865}"#,
                #"{"id":"prod_0JIdAYJJwlTz6k","object":"product","deleted":true}"#,
                #"{"id":"prod_new","object":"product","name":"New","active":true,"created":1643217866}"#,
                bad,
            ], replacingProducts: true)
            let second = try Self.dryThenReal(changed, db)
            let products = try #require(second.resources.first { $0.resource == .products })
            #expect(products.updated == 1 && products.deleted == 1 && products.inserted == 1 && products.rejected == 1)
            #expect(second.resources.reduce(0) { $0 + $1.unchanged } > 0)
        }
    }

    @Test("the dry run's table says plainly that nothing was written")
    func textSaysNothingWritten() throws {
        try TestDatabase.with { db in
            let run = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url, "--dry-run"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("dry run (succeeded): nothing was written"), "\(run.stdout)")
            #expect(!run.stdout.contains("ingest run "))
            let rows = try db.connect().query("SELECT count(*) FROM stripe.customers").scalar(Int.self)
            #expect(rows == 0)
        }
    }
}
