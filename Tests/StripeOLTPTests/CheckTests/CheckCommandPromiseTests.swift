import Foundation
import Postgres
import PureTestSupport
import StripeOLTP
import Testing
import TestSupport

@Suite("check and ingest through the CLI: compressed and .ndjson dumps, --limit, deletion markers")
struct CheckCommandPromiseTests {
    /// A copy of the sample dumps in a new folder.
    private static func sampleCopy() throws -> URL {
        let folder = try TestEnvironment.temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: IngestFixtures.sampleDirectory) {
            try FileManager.default.copyItem(atPath: IngestFixtures.sampleDirectory + "/" + name,
                                             toPath: folder.appendingPathComponent(name).path)
        }
        return folder
    }

    /// The sample's customers as NDJSON lines (whatever form the shipped file has).
    private static func customerLines() throws -> [String] {
        try GeneratedDumpSet.read(URL(fileURLWithPath: IngestFixtures.sampleDirectory + "/customers.json")).map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    private static func checkJSON(_ arguments: [String]) throws -> (CLI.Result, CheckReport?) {
        let result = try CLI.run(["check", "--json"] + arguments)
        return (result, try? JSONDecoder().decode(CheckReport.self, from: Data(result.stdout.utf8)))
    }

    private static func gzip(_ file: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", file.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "gzip failed")
    }

    @Test("customers.json.gz and customers.ndjson are found by ingest all --dir and by check --dir", arguments: ["json.gz", "ndjson"])
    func compressedAndNDJSONFound(_ suffix: String) throws {
        let folder = try Self.sampleCopy()
        let plain = folder.appendingPathComponent("customers.json")
        let lines = try Self.customerLines()
        try FileManager.default.removeItem(at: plain)
        if suffix == "json.gz" {
            try (lines.joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
            try Self.gzip(plain)
        } else {
            try (lines.joined(separator: "\n") + "\n").write(
                to: folder.appendingPathComponent("customers.ndjson"), atomically: true, encoding: .utf8)
        }
        #expect(!FileManager.default.fileExists(atPath: plain.path))
        try TestDatabase.with { db in
            let ingest = try CLI.run(["ingest", "all", "--dir", folder.path, "--database-url", db.url])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let loaded = try db.connect().query(
                "SELECT count(*) FROM stripe.customers WHERE NOT is_placeholder AND NOT is_embedded").scalar(Int.self)
            #expect(loaded == lines.count)
            let (check, report) = try Self.checkJSON(["--dir", folder.path, "--database-url", db.url])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            let customers = try #require(report?.resources.first { $0.resource == .customers })
            #expect(customers.file.hasSuffix("customers.\(suffix)"))
            #expect(customers.dumpObjects == lines.count)
        }
    }

    @Test("check --limit N lists at most N ids per finding, and still counts them all")
    func limitBoundsListedIDs() throws {
        try TestDatabase.with { db in
            #expect(try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url]).status == 0)
            let connection = try db.connect()
            for index in 1...5 { try connection.query("INSERT INTO stripe.products (id, raw) VALUES ('prod_extra\(index)', '{}')") }
            let all = (1...5).map { "prod_extra\($0)" }
            let (limited, limitedReport) = try Self.checkJSON(["--dir", IngestFixtures.sampleDirectory, "--database-url", db.url, "--limit", "2"])
            #expect(limited.status == 1)
            let extra = try #require(limitedReport?.resources.first { $0.resource == .products }?.extra)
            #expect(extra.total == 5)
            #expect(extra.first == Array(all.prefix(2)))
            let (_, wideReport) = try Self.checkJSON(["--dir", IngestFixtures.sampleDirectory, "--database-url", db.url, "--limit", "50"])
            #expect(wideReport?.resources.first { $0.resource == .products }?.extra.first == all)
            for bad in ["0", "10001", "many"] {
                let rejected = try CLI.run(["check", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url, "--limit", bad])
                #expect(rejected.status != 0 && rejected.status != 1, "--limit \(bad) exited \(rejected.status)")
                #expect(rejected.stderr.contains("--limit") || rejected.stderr.contains("limit"), "\(rejected.stderr)")
            }
        }
    }

    @Test("a deletion marker whose row is not marked deleted is reported by check, by id")
    func deletionMarkerNotMarkedDeleted() throws {
        let folder = try Self.sampleCopy()
        var lines = try Self.customerLines()
        let victim = try #require(lines.first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }?["id"] as? String)
        lines.append(#"{"id":"\#(victim)","object":"customer","deleted":true}"#)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("customers.json"))
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("customers.json"), atomically: true, encoding: .utf8)
        try TestDatabase.with { db in
            let ingest = try CLI.run(["ingest", "all", "--dir", folder.path, "--database-url", db.url])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let (clean, cleanReport) = try Self.checkJSON(["--dir", folder.path, "--database-url", db.url])
            #expect(clean.status == 0, "\(clean.stdout)")
            #expect(cleanReport?.resources.first { $0.resource == .customers }?.dumpDeletions == 1)
            try db.connect().query("UPDATE stripe.customers SET deleted = false WHERE id = $1", [victim])
            let (flagged, report) = try Self.checkJSON(["--dir", folder.path, "--database-url", db.url])
            #expect(flagged.status == 1)
            let customers = try #require(report?.resources.first { $0.resource == .customers })
            #expect(customers.notMarkedDeleted == IDSample(total: 1, first: [victim]))
            let text = try CLI.run(["check", "--dir", folder.path, "--database-url", db.url])
            #expect(text.status == 1)
            #expect(text.stdout.contains(victim), "\(text.stdout)")
        }
    }
}
