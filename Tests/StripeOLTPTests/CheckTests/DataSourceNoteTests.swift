import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("check says plainly when the database holds another data source", .needsDatabase)
struct DataSourceNoteTests {
    /// A folder with two customers that are not in the sample (and empty files for the rest).
    private static func ownDumps() throws -> URL {
        let directory = try TestEnvironment.temporaryDirectory()
        for resource in Resource.allCases {
            try "".write(to: directory.appendingPathComponent(resource.fileName), atomically: true, encoding: .utf8)
        }
        let lines = (1...2).map { n in
            #"{"id":"cus_Mine\#(n)","object":"customer","created":\#(1_760_000_000 + n),"email":"mine\#(n)@example.com","livemode":false,"metadata":{}}"#
        }
        try lines.joined(separator: "\n").write(to: directory.appendingPathComponent("customers.json"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("the sample and one's own dumps in one database: check of the own dumps names the sample as the other source")
    func sampleThenOwn() throws {
        try TestDatabase.with { db in
            let sample = TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path
            let own = try Self.ownDumps()
            #expect(try CLI.run(["ingest", "all", "--dir", sample, "--database-url", db.url]).status == 0)
            #expect(try CLI.run(["ingest", "all", "--dir", own.path, "--database-url", db.url]).status == 0)
            let checked = try CLI.run(["check", "--dir", own.path, "--database-url", db.url])
            #expect(checked.status == 1)
            #expect(checked.stderr.contains("also loaded from \(sample)"), "\(checked.stderr)")
            #expect(checked.stderr.contains("one database per data source"))

            let alone = try CLI.run(["check", "--dir", sample, "--database-url", db.url])
            #expect(alone.stderr.contains("also loaded from \(own.path)"), "\(alone.stderr)")
        }
    }

    @Test("dumps of another account than the database holds are named as such")
    func otherAccount() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let own = try Self.ownDumps()
            #expect(try CLI.run(["ingest", "all", "--dir", own.path, "--database-url", db.url]).status == 0)
            try SourceAccountStore.recordIfNone(FetchAccount(id: "acct_Database", livemode: false, apiBase: "http://127.0.0.1:1"),
                                                runID: nil, connection: connection)
            let manifest = FetchManifest(
                apiVersion: "2025-03-31.basil", account: FetchAccount(id: "acct_Dumps", livemode: false, apiBase: "http://127.0.0.1:1"),
                mode: "full", fileFormat: .ndjson, startedAt: 1_760_000_000, resources: [],
                events: FetchManifestEvents(cursorID: nil, cursorCreated: 1_760_000_000, since: nil))
            try manifest.write(directory: own.path)
            let checked = try CLI.run(["check", "--dir", own.path, "--database-url", db.url])
            #expect(checked.stderr.contains("acct_Dumps") && checked.stderr.contains("acct_Database"), "\(checked.stderr)")
            #expect(checked.stderr.contains("two different sources"))
        }
    }
}
