import Foundation
import StripeEmulator
import StripeOLTP
import Testing
import TestSupport

@Suite("populate --dry-run prints the plan and sends only GET requests")
struct PopulateDryRunTests {
    /// The cells of the summary's `total` row.
    private static func total(_ stdout: String) -> [String] {
        let line = stdout.split(separator: "\n").first { $0.hasPrefix("total") } ?? ""
        return line.split(separator: " ").map(String.init)
    }

    @Test("run from an empty folder on an empty account: every fixture object planned, only GETs sent, no manifest; after a real run nothing is planned")
    func dryRunSendsOnlyGets() async throws {
        try await PopulateEmulator.with { running in
            let fixture = try PopulateEmulator.fixture()
            let objects = fixture.products.count + fixture.prices.count + fixture.customers.count + fixture.paymentMethods.count
                + fixture.subscriptions.count + fixture.paymentIntents.count + fixture.refunds.count
                + (fixture.payouts ?? []).count + (fixture.billing ?? []).count + fixture.creditNotes.count
                + fixture.checkoutSessions.count
            let folder = try TestEnvironment.temporaryDirectory()
            let manifest = folder.appendingPathComponent("populate-manifest.json").path
            let environment = PopulateEmulator.cliEnvironment(running)
            let dry = try CLI.run(["populate", "--dry-run"], environment: environment, directory: folder)
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("only GET requests were sent, nothing was created"), "\(dry.stdout)")
            #expect(Self.total(dry.stdout) == ["total", String(objects), "0", "0"], "\(dry.stdout)")
            let postsOfProducts = dry.stdout.split(separator: "\n").filter { $0 == "would send POST /v1/products" }
            #expect(postsOfProducts.count == fixture.products.count)
            let log = running.emulator.requestLog
            #expect(!log.isEmpty && log.allSatisfy { $0.method == "GET" }, "\(log.map { "\($0.method) \($0.path)" })")
            #expect(!FileManager.default.fileExists(atPath: manifest))
            #expect(try PopulateEmulator.get(running, "/v1/products")["data"]?.arrayValue?.isEmpty == true)

            #expect(try PopulateEmulator.populate(running).succeeded)
            let before = running.emulator.requestLog.count
            let again = try CLI.run(["populate", "--dry-run"], environment: environment, directory: folder)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(Self.total(again.stdout) == ["total", "0", String(objects), "0"], "\(again.stdout)")
            #expect(!again.stdout.contains("would send"), "\(again.stdout)")
            #expect(running.emulator.requestLog.dropFirst(before).allSatisfy { $0.method == "GET" })
        }
    }

    @Test("--dry-run with --force is a usage error, before any request")
    func notWithForce() async throws {
        try await PopulateEmulator.with { running in
            let result = try CLI.run(["populate", "--dry-run", "--force"], environment: PopulateEmulator.cliEnvironment(running))
            #expect(result.status == 64)
            #expect(result.stderr.contains("--dry-run cannot be combined with --force"))
            #expect(running.emulator.requestLog.isEmpty)
        }
    }
}
