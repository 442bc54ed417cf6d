import Foundation
import StripeEmulator
import StripeOLTP
import Testing
import TestSupport

@Suite("populate command")
struct PopulateCommandTests {
    @Test("populate writes the table and the manifest; a second run creates nothing")
    func populateAndManifest() async throws {
        try await PopulateEmulator.with { running in
            let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("manifest.json").path
            let environment = PopulateEmulator.cliEnvironment(running)
            let first = try CLI.run(["populate", "--manifest", path], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            // The CLI reached this emulator, so an empty request log elsewhere means nothing was sent.
            #expect(running.emulator.requestLog.contains { $0.method == "POST" && $0.path == "/v1/customers" })
            #expect(first.stdout.contains("resource"))
            #expect(first.stdout.contains("created"))
            #expect(first.stdout.contains("subscriptions"))
            #expect(first.stdout.contains("manifest written to \(path)"))
            #expect(!(first.stdout + first.stderr).contains(PopulateEmulator.testKey))
            let manifest = try #require(PopulateManifest.read(from: path))
            let fixture = try PopulateEmulator.fixture()
            let counts: [Int] = [
                fixture.products.count, fixture.prices.count, fixture.customers.count, fixture.paymentMethods.count,
                fixture.subscriptions.count, fixture.paymentIntents.count, fixture.refunds.count, fixture.creditNotes.count,
                fixture.checkoutSessions.count, (fixture.payouts ?? []).count, (fixture.billing ?? []).count,
            ]
            #expect(manifest.objects.count == counts.reduce(0, +))
            #expect(manifest.objects["sub-bruno-pro-trial"]?.expected["status"] == "trialing")
            #expect(manifest.objects["pi-dmitri-declined"]?.expected["status"] == "requires_payment_method")
            #expect(manifest.apiBase == running.baseURL)
            let created = manifest.objects.values.filter { $0.outcome == .created }.count
            #expect(created == manifest.objects.count)

            let second = try CLI.run(["populate", "--manifest", path], environment: environment)
            #expect(second.status == 0, "\(second.stderr)")
            let again = try #require(PopulateManifest.read(from: path))
            #expect(again.objects.values.allSatisfy { $0.outcome == .skipped })
            #expect(again.objects.mapValues(\.id) == manifest.objects.mapValues(\.id))
            let totalLine = try #require(second.stdout.split(separator: "\n").first { $0.hasPrefix("total") })
            #expect(totalLine.split(separator: " ").map(String.init) == ["total", "0", String(manifest.objects.count), "0"])
        }
    }

    @Test("populate --force reports the canceled subscriptions and a new generation")
    func forceThroughCLI() async throws {
        try await PopulateEmulator.with { running in
            let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("manifest.json").path
            let environment = PopulateEmulator.cliEnvironment(running)
            #expect(try CLI.run(["populate", "--manifest", path], environment: environment).status == 0)
            let before = try #require(PopulateManifest.read(from: path))
            let forced = try CLI.run(["populate", "--force", "--manifest", path], environment: environment)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(forced.stdout.contains("canceled 2 subscription(s)"))
            let after = try #require(PopulateManifest.read(from: path))
            #expect(after.force)
            #expect(after.generation != nil)
            #expect(after.canceledSubscriptions.count == 2)
            for (key, entry) in after.objects {
                if entry.resource == .subscriptions {
                    #expect(entry.outcome == .created)
                    #expect(entry.id != before.objects[key]?.id)
                } else {
                    #expect(entry.outcome == .skipped)
                    #expect(entry.id == before.objects[key]?.id)
                }
            }
        }
    }

    @Test("ENV=PROD refuses populate and populate --force before any request", arguments: [false, true])
    func prodRefused(force: Bool) async throws {
        try await PopulateEmulator.with { running in
            let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("manifest.json").path
            let arguments = ["populate"] + (force ? ["--force"] : []) + ["--manifest", path]
            let result = try CLI.run(arguments, environment: PopulateEmulator.cliEnvironment(running, env: "PROD"))
            #expect(result.status != 0)
            #expect(result.stderr.contains("refused: '\(force ? "populate-force" : "populate")'"))
            #expect(result.stderr.contains("ENV=PROD"))
            #expect(running.emulator.requestLog.isEmpty, "\(running.emulator.requestLog)")
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(!(result.stdout + result.stderr).contains(PopulateEmulator.testKey))
        }
    }

    @Test("a live key is refused whatever ENV says, before any request, and never printed",
          arguments: ["DEV", "TEST", "PROD"])
    func liveKeyRefused(env: String) async throws {
        try await PopulateEmulator.with { running in
            for arguments in [["populate"], ["populate", "--force"]] {
                let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("manifest.json").path
                let result = try CLI.run(arguments + ["--manifest", path], environment: PopulateEmulator.cliEnvironment(
                    running, key: PopulateEmulator.liveKey, env: env))
                #expect(result.status != 0)
                #expect(result.stderr.contains("refused"))
                if env != "PROD" { #expect(result.stderr.contains("live-mode")) }
                #expect(!(result.stdout + result.stderr).contains("populatetests0123456789"))
                #expect(!FileManager.default.fileExists(atPath: path))
            }
            let restricted = "rk_" + "live_" + "populatetests" + "0123456789"
            let result = try CLI.run(["populate", "--manifest", "/tmp/never-written.json"],
                                     environment: PopulateEmulator.cliEnvironment(running, key: restricted))
            #expect(result.status != 0)
            #expect(result.stderr.contains("live-mode"))
            #expect(running.emulator.requestLog.isEmpty, "\(running.emulator.requestLog)")
        }
    }

    @Test("a missing or non-test key is named and nothing is sent")
    func missingKey() async throws {
        try await PopulateEmulator.with { running in
            let missing = try CLI.run(["populate"], environment: PopulateEmulator.cliEnvironment(running, key: nil))
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("STRIPE_SECRET_KEY is not set"))
            let publishable = try CLI.run(["populate"], environment: PopulateEmulator.cliEnvironment(running, key: "pk_test_abcdef123456"))
            #expect(publishable.status != 0)
            #expect(publishable.stderr.contains("STRIPE_SECRET_KEY is not a test-mode"))
            #expect(!publishable.stderr.contains("abcdef123456"))
            #expect(running.emulator.requestLog.isEmpty)
        }
    }
}
