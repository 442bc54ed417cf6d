import Foundation
import Postgres
import StripeEmulator
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("fetch --dry-run checks the key and lists one page per resource, writing nothing")
struct FetchDryRunTests {
    @Test("it asks /v1/account first, lists each resource once with GET, creates no folder and says nothing was written")
    func listsFirstPages() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let out = try TestEnvironment.temporaryDirectory().appendingPathComponent("never-written").path
            let result = try CLI.run(["fetch", "--dry-run", "--full", "--out", out], environment: fetchEnvironment(running))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
            #expect(result.stdout.contains("nothing was written (no file, no folder, no cursor moved)"), "\(result.stdout)")
            let log = running.emulator.requestLog
            #expect(log.first?.path == "/v1/account")
            #expect(log.allSatisfy { $0.method == "GET" })
            for resource in ResourceSpec.listed(Resource.allCases) where resource != .paymentMethods {
                #expect(log.filter { $0.path == resource.listPath }.count == (resource == .customers ? 2 : 1), "\(resource)")
                #expect(result.stdout.contains(resource.rawValue))
            }
            #expect(log.contains { $0.path.hasSuffix("/payment_methods") && $0.path.hasPrefix("/v1/customers/") })
            // Discounts have no list endpoint: they arrive only inside other objects.
            #expect(!log.contains { $0.path == Resource.discounts.listPath })

            let json = try CLI.run(["fetch", "--dry-run", "--full", "--json", "--resources", "products", "--out", out],
                                   environment: fetchEnvironment(running))
            let preview = try JSONDecoder.snakeCase.decode(FetchPreview.self, from: Data(json.stdout.utf8))
            #expect(preview.dryRun && preview.pages.map(\.resource) == [.products])
            let products = try dumpIDs(sampleDirectory, .products).count
            #expect(preview.pages.first?.objects == products && preview.pages.first?.hasMore == false)
            #expect(preview.account?.id.hasPrefix("acct_") == true)
        }
    }

    @Test("an invalid key fails at /v1/account: exit 1, no list requested")
    func invalidKey() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let out = try TestEnvironment.temporaryDirectory().appendingPathComponent("never-written").path
            let result = try CLI.run(["fetch", "--dry-run", "--full", "--out", out],
                                     environment: fetchEnvironment(running, key: "sk_test_not-a-valid-key"))
            #expect(result.status == 1, "\(result.stdout)")
            #expect(result.stderr.contains("/v1/account"), "\(result.stderr)")
            #expect(running.emulator.requestLog.map(\.path) == ["/v1/account"])
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("with stored cursors the dry run reads them and moves none", .needsDatabase)
    func movesNoCursor() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            try TestDatabase.with { db in
                let dumps = try TestEnvironment.temporaryDirectory().path
                let environment = fetchEnvironment(running)
                let fetched = try CLI.run(["fetch", "--full", "--out", dumps], environment: environment)
                #expect(fetched.status == 0, "\(fetched.stderr)")
                let ingested = try CLI.run(["ingest", "all", "--dir", dumps, "--database-url", db.url], environment: environment)
                #expect(ingested.status == 0, "\(ingested.stderr)")
                let cursors = "SELECT coalesce(string_agg(c::text, '|' ORDER BY c::text), '') FROM stripe_oltp.fetch_cursors c"
                let connection = try db.connect()
                let before = try connection.query(cursors).scalar(String.self)
                #expect(before?.isEmpty == false, "the ingest recorded no cursor")
                let out = try TestEnvironment.temporaryDirectory().appendingPathComponent("never-written").path
                let dry = try CLI.run(["fetch", "--dry-run", "--out", out, "--database-url", db.url], environment: environment)
                #expect(dry.status == 0, "\(dry.stderr)")
                #expect(try connection.query(cursors).scalar(String.self) == before)
                #expect(!FileManager.default.fileExists(atPath: out))
            }
        }
    }
}

extension JSONDecoder {
    /// A decoder for the CLI's snake_case JSON.
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
