import Foundation
import Postgres
import StripeEmulator
import StripeGenerator
import StripeHTTP
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("fetch flags through the CLI against the local Stripe-compatible server")
struct FetchCommandFlagTests {
    /// The `.json` dump files in `directory`, sorted.
    private static func dumpFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") && $0 != FetchManifest.fileName }.sorted()
    }

    /// A synthetic seed with more customers than one list page (100) holds.
    private static func largeSeed() throws -> String {
        let dir = try TestEnvironment.temporaryDirectory()
        _ = try SyntheticDumpGenerator(
            templates: TestEnvironment.fixturesDirectory.appendingPathComponent("stripe-shapes.json"), seed: 5
        ).write(customers: 130, to: dir, format: .ndjson)
        return dir.path
    }

    @Test("--resources a,b fetches only those files")
    func resourcesSubset() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let directory = try TestEnvironment.temporaryDirectory().path
            let result = try CLI.run(["fetch", "--full", "--resources", "products,prices", "--out", directory],
                                     environment: fetchEnvironment(running))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.dumpFiles(directory) == ["prices.json", "products.json"])
            let listed = Set(running.emulator.requestLog.map(\.path))
            #expect(listed.contains("/v1/products") && listed.contains("/v1/prices"))
            #expect(!listed.contains("/v1/customers") && !listed.contains("/v1/invoices"))
            let unknown = try CLI.run(["fetch", "--full", "--resources", "products,refundz", "--out", directory],
                                      environment: fetchEnvironment(running))
            #expect(unknown.status == 64)
            #expect(unknown.stderr.contains("unknown resource 'refundz'"))
        }
    }

    @Test("a resource that fails keeps its previous file; a rerun resumes, --restart starts over")
    func failedResourceResumeAndRestart() async throws {
        let seed = try Self.largeSeed()
        try await withEmulator(seedDirectory: seed) { running in
            let directory = try TestEnvironment.temporaryDirectory().path
            let environment = fetchEnvironment(running)
            let first = try CLI.run(["fetch", "--full", "--out", directory], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            let customersBefore = try Data(contentsOf: URL(fileURLWithPath: directory + "/customers.json"))
            #expect(try dumpIDs(directory, .customers).count > 100, "customers fit in one page")

            // Lists now repeat their first page: customers (two pages) fails, products (one page) loads.
            running.emulator.setFaults(FaultConfiguration(ignoreStartingAfter: true))
            let failed = try CLI.run(["fetch", "--full", "--out", directory], environment: environment)
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("customers failed"), "\(failed.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/customers.json")) == customersBefore)
            #expect(!FileManager.default.fileExists(atPath: directory + "/.customers.json.partial"))

            // --restart ignores the unfinished run: complete resources are fetched again.
            var before = running.emulator.requestLog.count
            let restarted = try CLI.run(["fetch", "--full", "--restart", "--out", directory], environment: environment)
            #expect(restarted.status == 1)
            #expect(!restarted.stderr.contains("resuming"), "\(restarted.stderr)")
            #expect(running.emulator.requestLog.dropFirst(before).contains { $0.path == "/v1/products" })

            // Without it, a rerun resumes: only what failed is fetched.
            running.emulator.setFaults(FaultConfiguration())
            before = running.emulator.requestLog.count
            let resumed = try CLI.run(["fetch", "--full", "--out", directory], environment: environment)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(resumed.stderr.contains("resuming the unfinished fetch"), "\(resumed.stderr)")
            let paths = running.emulator.requestLog.dropFirst(before).map(\.path)
            #expect(paths.contains("/v1/customers"))
            #expect(!paths.contains("/v1/products"))
            #expect(Set(try dumpIDs(directory, .customers)).count == (try dumpIDs(directory, .customers)).count)
        }
    }

    @Test("--since 7d lists only objects created in the last seven days; a bad value is a usage error")
    func sinceFilters() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            // The sample's objects are years old; this one is created now.
            let fresh = try stripe(running, .post, "/v1/customers", [("email", "fresh@example.com")])
            let freshID = try #require(fresh["id"]?.stringValue)
            let directory = try TestEnvironment.temporaryDirectory().path
            let result = try CLI.run(["fetch", "--since", "7d", "--resources", "customers", "--out", directory],
                                     environment: fetchEnvironment(running))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try dumpIDs(directory, .customers) == [freshID])
            let everything = try TestEnvironment.temporaryDirectory().path
            #expect(try CLI.run(["fetch", "--full", "--resources", "customers", "--out", everything],
                                environment: fetchEnvironment(running)).status == 0)
            #expect(try dumpIDs(everything, .customers).count > 1)
            for bad in ["7x", "yesterday"] {
                let rejected = try CLI.run(["fetch", "--since", bad, "--out", directory], environment: fetchEnvironment(running))
                #expect(rejected.status == 64, "--since \(bad): \(rejected.status) \(rejected.stderr)")
                #expect(rejected.stderr.contains("--since '\(bad)' is not a date"), "\(rejected.stderr)")
            }
            let both = try CLI.run(["fetch", "--full", "--since", "7d", "--out", directory], environment: fetchEnvironment(running))
            #expect(both.status == 64)
            #expect(both.stderr.contains("--full and --since cannot be combined"))
        }
    }

    @Test("--rate and --workers are validated (a usage error, exit 64) and accepted in range; --json prints the manifest")
    func rateWorkersAndJSON() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let directory = try TestEnvironment.temporaryDirectory().path
            let environment = fetchEnvironment(running)
            for (flag, value) in [("--workers", "0"), ("--workers", "65"), ("--workers", "two"),
                                  ("--rate", "0"), ("--rate", "1001"), ("--rate", "-5"), ("--rate", "fast")] {
                let rejected = try CLI.run(["fetch", "--full", flag, value, "--out", directory], environment: environment)
                #expect(rejected.status == 64, "\(flag) \(value): exit \(rejected.status)")
                #expect(rejected.stderr.contains(flag), "\(flag) \(value): \(rejected.stderr)")
            }
            #expect(running.emulator.requestLog.isEmpty, "a rejected command sent requests")
            #expect(try Self.dumpFiles(directory).isEmpty)

            let accepted = try CLI.run(["fetch", "--full", "--workers", "2", "--rate", "500", "--json", "--out", directory],
                                       environment: environment)
            #expect(accepted.status == 0, "\(accepted.stderr)")
            let manifest = try #require(try JSONSerialization.jsonObject(with: Data(accepted.stdout.utf8)) as? [String: Any])
            let resources = try #require(manifest["resources"] as? [[String: Any]])
            #expect(Set(resources.compactMap { $0["resource"] as? String }) == Set(Resource.allCases.map(\.rawValue)))
            #expect(resources.allSatisfy { $0["status"] as? String == "complete" }, "\(resources)")
            let customers = try #require(resources.first { $0["resource"] as? String == "customers" })
            #expect((customers["objects"] as? Int) == (try dumpIDs(directory, .customers)).count)
        }
    }
}
