import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

@Suite("logs: --log-format text|json on standard error, run id and resource metadata, secrets masked at the handler", .needsDatabase)
struct LogOutputTests {
    /// Each line of `text` parsed as a JSON object; a line that is not one fails the test.
    private static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "not a JSON object: \(line)")
        }
    }

    private static var sample: String { TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path }

    @Test("--log-format json: every line on standard error is a JSON object with run_id; -v adds each resource's line with the ingest run id; stdout is unchanged")
    func jsonLinesCarryRunID() throws {
        try TestDatabase.with { db in
            let text = try CLI.run(["ingest", "all", "--dir", Self.sample, "--database-url", db.url, "-q"])
            #expect(text.status == 0, "\(text.stderr)")
            let json = try CLI.run(["--log-format", "json", "ingest", "all", "--dir", Self.sample, "--database-url", db.url, "-v"])
            #expect(json.status == 0, "\(json.stderr)")
            let lines = try Self.jsonLines(json.stderr)
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { ($0["run_id"] as? String)?.isEmpty == false && $0["level"] != nil && $0["message"] != nil },
                    "\(json.stderr)")
            #expect(lines.contains { ($0["message"] as? String)?.hasPrefix("ingesting \(Self.sample)") == true && $0["level"] as? String == "notice" })
            let runID = try #require(try db.connect().query("SELECT max(id)::text AS id FROM stripe_oltp.ingest_runs").first?["id"])
            let customers = lines.first { $0["resource"] as? String == "customers" }
            #expect(customers?["run_id"] as? String == runID && customers?["outcome"] as? String == "loaded", "\(json.stderr)")
            #expect(json.stdout.split(separator: "\n").count == text.stdout.split(separator: "\n").count)
        }
    }

    @Test("the text format keeps the human lines: stripe-oltp: note: …, and errors as stripe-oltp: …")
    func textLines() throws {
        let missing = try CLI.run(["ingest", "customers", "--file", "/nonexistent/customers.json", "--database-url", "postgres://127.0.0.1:1/x"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("stripe-oltp: ") && missing.stderr.contains("/nonexistent/customers.json"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("{"), "\(missing.stderr)")
    }

    @Test("a Stripe key in an error message or in log metadata is masked by the log handler, in text and in JSON")
    func secretsMasked() throws {
        let secret = "sk_test_" + "LoGsEcReT0123456789"
        for format in ["text", "json"] {
            let error = try CLI.run(["ingest", "customers", "--file", "/nonexistent/\(secret)/customers.json", "--log-format", format])
            #expect(error.status == 1)
            #expect(error.stderr.contains("sk_test•••"), "\(error.stderr)")
            #expect(!error.stderr.contains("LoGsEcReT0123456789"), "\(error.stderr)")
        }
        try TestDatabase.with { db in
            let folder = try TestEnvironment.temporaryDirectory().appendingPathComponent(secret)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("customers.json")
            try FileManager.default.copyItem(atPath: Self.sample + "/customers.json", toPath: file.path)
            let run = try CLI.run(["ingest", "customers", "--file", file.path, "--database-url", db.url, "-v", "--log-format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("LoGsEcReT0123456789"), "\(run.stderr)")
            let lines = try Self.jsonLines(run.stderr)
            #expect(lines.contains { ($0["source"] as? String)?.contains("sk_test•••") == true }, "\(run.stderr)")
        }
    }
}
