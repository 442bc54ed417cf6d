import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("fetch → ingest → check against the local Stripe-compatible server and a real PostgreSQL", .needsDatabase)
struct FetchEndToEndTests {
    /// Runs `stripe-oltp fetch`, `ingest all` and `check` on `directory` and expects each to succeed.
    private static func fetchIngestCheck(_ running: RunningEmulator, _ database: TestDatabase, _ directory: String,
                                         fetchArguments: [String] = []) throws -> CLI.Result {
        let environment = fetchEnvironment(running)
        let fetched = try CLI.run(["fetch", "--out", directory, "--database-url", database.url] + fetchArguments,
                                  environment: environment)
        #expect(fetched.status == 0, "fetch failed: \(fetched.stderr)")
        let ingested = try CLI.run(["ingest", "all", "--dir", directory, "--database-url", database.url], environment: environment)
        #expect(ingested.status == 0, "ingest failed: \(ingested.stderr)")
        return fetched
    }

    @Test("seed, fetch, ingest: check-db exits 0 and the fetch cursors are recorded")
    func endToEnd() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            try TestDatabase.with { database in
                let directory = try TestEnvironment.temporaryDirectory().path
                let fetched = try Self.fetchIngestCheck(running, database, directory)
                #expect(fetched.stdout.contains("full fetch"))
                #expect(fetched.stderr.contains("no stored fetch cursor"))
                let checked = try CLI.run(["check", "--dir", directory, "--database-url", database.url])
                #expect(checked.status == 0, "check failed: \(checked.stdout) \(checked.stderr)")
                let connection = try database.connect()
                let names = try connection.query("SELECT name FROM stripe_oltp.fetch_cursors ORDER BY name").rows.map { $0["name"] }
                // A cursor per resource with a listed `created` (not invoice items: they have `date`), and the events'.
                let listedWithCreated = try Resource.allCases.filter { resource in
                    try dumpObjects(directory, resource).contains { $0["created"] != nil }
                }
                #expect(Set(names.compactMap { $0 }) == Set(listedWithCreated.map(\.rawValue) + ["events"]))
                // Only invoice items (`date`), discounts (no list), events (the emulator lists the last 30
                // days, the sample's are older) and what the sample holds none of lack one.
                let withoutCursor = Set(Resource.allCases).subtracting(listedWithCreated)
                #expect(withoutCursor.isSubset(of: [.invoiceItems, .discounts, .events, .promotionCodes, .plans, .taxRates, .disputes]),
                        "\(withoutCursor)")
                #expect(names.contains("events") && names.contains("customers"))
                #expect(try connection.query("SELECT count(*) FROM stripe.customers WHERE NOT is_placeholder").scalar(Int.self) == 11)
            }
        }
    }

    @Test("an incremental run picks up a new customer, an updated subscription and a deleted customer")
    func incremental() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            try TestDatabase.with { database in
                let connection = try database.connect()
                _ = try Self.fetchIngestCheck(running, database, try TestEnvironment.temporaryDirectory().path)
                let customersBefore = try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) ?? 0

                let created = try stripe(running, .post, "/v1/customers", [("email", "new.customer@example.com")])
                let newID = try #require(created["id"]?.stringValue)
                let subscriptionID = try #require(try connection.query(
                    "SELECT id FROM stripe.subscriptions WHERE status <> 'canceled' ORDER BY id LIMIT 1").scalar(String.self))
                try stripe(running, .post, "/v1/subscriptions/\(subscriptionID)", [("metadata", .object([("plan_note", "upgraded")]))])
                let doomedID = try #require(try connection.query("""
                    SELECT id FROM stripe.customers c WHERE NOT is_placeholder AND NOT deleted
                    AND NOT EXISTS (SELECT 1 FROM stripe.subscriptions s WHERE s.customer_id = c.id AND s.id = $1)
                    ORDER BY id LIMIT 1
                    """, [subscriptionID]).scalar(String.self))
                try stripe(running, .delete, "/v1/customers/\(doomedID)")

                let directory = try TestEnvironment.temporaryDirectory().path
                let fetched = try Self.fetchIngestCheck(running, database, directory)
                #expect(fetched.stdout.contains("incremental fetch"))
                let manifest = try #require(try FetchManifest.read(directory: directory))
                #expect(manifest.mode == "incremental")
                // check-db on the incremental dump compares what it holds, not the rows it leaves out.
                let checked = try CLI.run(["check", "--dir", directory, "--database-url", database.url])
                #expect(checked.status == 0, "check: \(checked.stdout)\(checked.stderr)")
                #expect(checked.stdout.contains("incremental dump"))
                // Only what changed travelled: far fewer customers than the full set.
                #expect(try dumpIDs(directory, .customers).count < customersBefore)

                #expect(try connection.query("SELECT count(*) FROM stripe.customers WHERE id = $1 AND NOT is_placeholder AND NOT deleted",
                                             [newID]).scalar(Int.self) == 1)
                #expect(try connection.query("SELECT raw->'metadata'->>'plan_note' FROM stripe.subscriptions WHERE id = $1",
                                             [subscriptionID]).scalar(String.self) == "upgraded")
                #expect(try connection.query("SELECT deleted FROM stripe.customers WHERE id = $1", [doomedID]).scalar(Bool.self) == true)
            }
        }
    }

    @Test("an invalid key gives a clear message and the key is never printed")
    func invalidKey() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let key = "sk_test_WrongKeyPrinted-777"
            let directory = try TestEnvironment.temporaryDirectory().path
            let result = try CLI.run(["fetch", "--full", "--out", directory], environment: fetchEnvironment(running, key: key))
            #expect(result.status != 0)
            #expect(result.stderr.contains("401"))
            #expect(result.stderr.contains("Invalid API Key"))
            #expect(!result.stderr.contains(key) && !result.stdout.contains(key))
            #expect(!result.stderr.contains("WrongKeyPrinted"))
        }
    }

    @Test("a missing key names the variable to set")
    func missingKey() throws {
        let result = try CLI.run(["fetch", "--full", "--out", try TestEnvironment.temporaryDirectory().path],
                                 environment: ["STRIPE_SECRET_KEY": "", "STRIPE_API_BASE": "http://127.0.0.1:9"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("STRIPE_SECRET_KEY is not set"))
    }
}
