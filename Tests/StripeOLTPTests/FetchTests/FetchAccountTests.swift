import Foundation
import Postgres
import StripeEmulator
import StripeOLTP
import Testing
import TestSupport

@Suite("fetch cursors and databases are bound to one Stripe account", .needsDatabase)
struct FetchAccountTests {
    /// A second, small data set: two customers that are not in the sample.
    private static func otherDataSet() throws -> String {
        let directory = try TestEnvironment.temporaryDirectory()
        let lines = (1...2).map { n in
            #"{"id":"cus_OtherSet\#(n)","object":"customer","created":\#(1_760_000_000 + n),"email":"other\#(n)@example.com","livemode":false,"metadata":{}}"#
        }
        try lines.joined(separator: "\n").write(to: directory.appendingPathComponent("customers.json"), atomically: true, encoding: .utf8)
        return directory.path
    }

    @Test("the emulator answers /v1/account with one id per data set")
    func emulatorAccountPerDataSet() throws {
        let other = try Self.otherDataSet()
        let sampleA = try Emulator(seedDirectory: sampleDirectory).withState { $0.accountID }
        let sampleB = try Emulator(seedDirectory: sampleDirectory).withState { $0.accountID }
        let otherID = try Emulator(seedDirectory: other).withState { $0.accountID }
        #expect(sampleA == sampleB)
        #expect(sampleA != otherID)
        #expect(sampleA.hasPrefix("acct_"))
    }

    @Test("an incremental fetch from another account is refused naming both; --full works; ingest refuses the other account's dump")
    func accountSwitch() async throws {
        let other = try Self.otherDataSet()
        try await withEmulator { running in
            try TestDatabase.with { database in
                let connection = try database.connect()
                let environment = fetchEnvironment(running)
                let first = try running.emulator.withState { state in
                    try state.seed(fromDirectory: sampleDirectory)
                    return state.accountID
                }
                let firstDir = try TestEnvironment.temporaryDirectory().path
                let fetched = try CLI.run(["fetch", "--out", firstDir, "--database-url", database.url], environment: environment)
                #expect(fetched.status == 0, "fetch: \(fetched.stderr)")
                #expect(fetched.stderr.contains(first) && fetched.stderr.contains(running.baseURL))
                let manifest = try #require(try FetchManifest.read(directory: firstDir))
                #expect(manifest.account == FetchAccount(id: first, livemode: false, apiBase: running.baseURL))
                let ingested = try CLI.run(["ingest", "all", "--dir", firstDir, "--database-url", database.url])
                #expect(ingested.status == 0, "ingest: \(ingested.stderr)")
                #expect(try connection.query("SELECT count(DISTINCT account_id) FROM stripe_oltp.fetch_cursors WHERE account_id = $1",
                                             [first]).scalar(Int.self) == 1)
                #expect(try SourceAccountStore.load(connection: connection)?.id == first)

                // The same server, reset and seeded with other data: another account.
                try running.emulator.reset()
                let second = try running.emulator.withState { state in
                    try state.seed(fromDirectory: other)
                    return state.accountID
                }
                #expect(second != first)
                let secondDir = try TestEnvironment.temporaryDirectory().path
                let refused = try CLI.run(["fetch", "--out", secondDir, "--database-url", database.url], environment: environment)
                #expect(refused.status != 0)
                #expect(refused.stderr.contains(first) && refused.stderr.contains(second))
                #expect(refused.stderr.contains("--full"))
                #expect(try FetchManifest.read(directory: secondDir) == nil)

                let full = try CLI.run(["fetch", "--full", "--out", secondDir, "--database-url", database.url], environment: environment)
                #expect(full.status == 0, "fetch --full: \(full.stderr)")
                #expect(try dumpIDs(secondDir, .customers).sorted() == ["cus_OtherSet1", "cus_OtherSet2"])

                let customersBefore = try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self)
                let wrongDatabase = try CLI.run(["ingest", "all", "--dir", secondDir, "--database-url", database.url])
                #expect(wrongDatabase.status != 0)
                #expect(wrongDatabase.stderr.contains(first) && wrongDatabase.stderr.contains(second))
                #expect(try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) == customersBefore)
                #expect(try connection.query("SELECT count(*) FROM stripe.customers WHERE id = 'cus_OtherSet1'").scalar(Int.self) == 0)
            }
        }
    }

    @Test("cursors of another API base are refused; cursors without an account are accepted")
    func cursorVerification() throws {
        let current = FetchAccount(id: "acct_A", livemode: false, apiBase: "http://127.0.0.1:1")
        let elsewhere = FetchCursors(objects: [.customers: 10], eventCreated: 10,
                                     account: FetchAccount(id: "acct_A", livemode: false, apiBase: "https://api.stripe.com"))
        #expect(throws: AccountMismatchError.self) { try elsewhere.verify(belongTo: current) }
        try FetchCursors(objects: [.customers: 10], eventCreated: 10).verify(belongTo: current)
        try FetchCursors(account: elsewhere.account).verify(belongTo: current)
    }
}
