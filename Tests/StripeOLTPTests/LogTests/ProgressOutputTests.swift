import Foundation
import StripeEmulator
import Testing
import TestSupport

@Suite("progress: a live bar with %, rate and ETA on a terminal; plain periodic lines otherwise", .needsDatabase)
struct ProgressOutputTests {
    @Test("generate on a terminal draws a bar with the percentage of customers, the rate and the ETA, and erases it")
    func generateBar() throws {
        let out = try TestEnvironment.temporaryDirectory().path
        let result = try PseudoTerminal.run(["generate", "--customers", "300", "--out", out], prompt: "never-shown", answer: "")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("generate  [####################----]   85%  256 customers of 300 customers"), "\(result.output)")
        #expect(result.output.contains("[########################]  100%") && result.output.contains("ETA "), "\(result.output)")
        #expect(result.output.contains("customers/s"), "\(result.output)")
    }

    @Test("ingest on a terminal shows each file's progress in bytes of its size, with percentage")
    func ingestBar() throws {
        try TestDatabase.with { db in
            let file = TestEnvironment.fixturesDirectory.appendingPathComponent("sample/customers.json").path
            let result = try PseudoTerminal.run(["ingest", "customers", "--file", file, "--database-url", db.url],
                                                prompt: "never-shown", answer: "")
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("customers  [########################]  100%"), "\(result.output)")
            #expect(result.output.contains(" MB of ") && result.output.contains("MB/s"), "\(result.output)")
        }
    }

    @Test("not on a terminal: plain progress lines every PROGRESS_INTERVAL seconds (as notes, or JSON lines), none under -q, no bar")
    func plainLines() throws {
        let out = try TestEnvironment.temporaryDirectory().path
        let every = ["PROGRESS_INTERVAL": "0"]
        let plain = try CLI.run(["generate", "--customers", "300", "--out", out], environment: every)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("stripe-oltp: note: progress: generate 85%, 256 customers of 300 customers, "), "\(plain.stderr)")
        #expect(plain.stderr.contains("progress: generate 100%, 300 customers of 300 customers"), "\(plain.stderr)")
        #expect(!plain.stderr.contains("\u{1B}[K") && !plain.stderr.contains("[####"), "\(plain.stderr)")
        let quiet = try CLI.run(["generate", "--customers", "300", "--out", out, "-q"], environment: every)
        #expect(quiet.status == 0 && !quiet.stderr.contains("progress:"), "\(quiet.stderr)")
        let json = try CLI.run(["generate", "--customers", "300", "--out", out, "--log-format", "json"], environment: every)
        let lines = json.stderr.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(lines.contains { $0["stage"] as? String == "generate" && $0["total"] as? String == "300" && $0["done"] as? String == "300" },
                "\(json.stderr)")
    }

    @Test("ingest (bytes of each file), check (resources), fetch (objects, requests) and populate (plan steps) log progress lines too")
    func everyLongCommand() async throws {
        let every = ["PROGRESS_INTERVAL": "0"]
        try TestDatabase.with { db in
            let ingest = try CLI.run(["ingest", "all", "--dir", sampleDirectory, "--database-url", db.url], environment: every)
            #expect(ingest.status == 0, "\(ingest.stderr)")
            #expect(ingest.stderr.contains("progress: customers 100%, ") && ingest.stderr.contains(" MB of "), "\(ingest.stderr)")
            let check = try CLI.run(["check", "--dir", sampleDirectory, "--database-url", db.url], environment: every)
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stderr.contains("progress: check 100%, ") && check.stderr.contains(" steps/s"), "\(check.stderr)")
        }
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let out = try TestEnvironment.temporaryDirectory().path
            let fetched = try CLI.run(["fetch", "--full", "--out", out],
                                      environment: fetchEnvironment(running).merging(every) { _, new in new })
            #expect(fetched.status == 0, "\(fetched.stderr)")
            #expect(fetched.stderr.contains("progress: fetch ") && fetched.stderr.contains(" requests, "), "\(fetched.stderr)")
        }
        try await PopulateEmulator.with { running in
            let manifest = try TestEnvironment.temporaryDirectory().appendingPathComponent("m.json").path
            let populated = try CLI.run(["populate", "--manifest", manifest],
                                        environment: PopulateEmulator.cliEnvironment(running).merging(every) { _, new in new })
            #expect(populated.status == 0, "\(populated.stderr)")
            #expect(populated.stderr.contains("progress: populate 100%, 10 steps of 10 steps"), "\(populated.stderr)")
        }
    }
}
