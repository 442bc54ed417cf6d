import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

@Suite("ingest command: empty folders, the summary's words, the target database", .needsDatabase)
struct IngestCommandTests {
    /// The cells of the summary table's `total` row.
    private static func totalRow(_ stdout: String) -> [String] {
        let line = stdout.split(separator: "\n").first { $0.hasPrefix("total") } ?? ""
        return line.split(separator: " ").map(String.init)
    }

    @Test("ingest all on an empty folder fails, naming the folder and the file names looked for")
    func emptyFolder() throws {
        try TestDatabase.with { db in
            let empty = try TestEnvironment.temporaryDirectory().path
            let result = try CLI.run(["ingest", "all", "--dir", empty, "--database-url", db.url])
            #expect(result.status == 1)
            #expect(result.stderr.contains(empty))
            #expect(result.stderr.contains("customers.json") && result.stderr.contains("charges.json"))
            #expect(result.stderr.contains(".ndjson.gz"))
            #expect(!result.stdout.contains("succeeded"))
            let runs = try db.connect().query("SELECT count(*) FROM stripe_oltp.ingest_runs").scalar(Int.self)
            #expect(runs == 0)
        }
    }

    @Test("a resource without a file reads 'missing' in the table as in --json; placeholders created and outstanding apart")
    func summaryWords() throws {
        try TestDatabase.with { db in
            let first = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("placeholders created") && first.stdout.contains("placeholders outstanding"))
            #expect(first.stderr.contains("into 127.0.0.1:") && first.stderr.contains("/\(db.name)"))
            #expect(!first.stderr.contains("stripe@"))
            let again = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            let total = Self.totalRow(again.stdout)
            #expect(total.count == 12, "\(again.stdout)")
            #expect(total.count == 12 && total[6] == "0", "a re-run creates no placeholder: \(again.stdout)")
            #expect(total.count == 12 && total[7] != "0", "the deleted customer's placeholder is still outstanding")

            let partial = try TestEnvironment.temporaryDirectory()
            try FileManager.default.copyItem(atPath: IngestFixtures.sampleDirectory + "/products.json",
                                             toPath: partial.appendingPathComponent("products.json").path)
            let table = try CLI.run(["ingest", "all", "--dir", partial.path, "--database-url", db.url])
            #expect(table.status == 0, "\(table.stderr)")
            #expect(!table.stdout.contains("no file"))
            #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("charges") && $0.hasSuffix("missing") })
            let json = try CLI.run(["ingest", "all", "--dir", partial.path, "--database-url", db.url, "--json"])
            let report = try JSONDecoder().decode(IngestReport.self, from: Data(json.stdout.utf8))
            #expect(report.resources.first { $0.resource == .charges }?.outcome == .missing)
        }
    }
}
