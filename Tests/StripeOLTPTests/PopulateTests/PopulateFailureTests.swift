import Foundation
import StripeOLTP
import Testing
import TestSupport

@Suite("Populate failures")
struct PopulateFailureTests {
    /// The shipped fixture with Alice's card replaced by one Stripe does not know, written to a file.
    private func brokenFixture() throws -> (PopulateFixture, String) {
        let url = TestEnvironment.fixturesDirectory.appendingPathComponent("populate.json")
        var tree = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var methods = try #require(tree["payment_methods"] as? [[String: Any]])
        let index = try #require(methods.firstIndex { $0["key"] as? String == "pm-alice-visa" })
        methods[index]["test_payment_method"] = "pm_card_nosuchcard"
        tree["payment_methods"] = methods
        let data = try JSONSerialization.data(withJSONObject: tree)
        let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("broken.json").path
        try data.write(to: URL(fileURLWithPath: path))
        return (try PopulateFixture.decode(data, file: path), path)
    }

    @Test("a failing object is reported with its key; what depends on it fails, the rest is created")
    func failureIsContained() async throws {
        let (fixture, _) = try brokenFixture()
        try await PopulateEmulator.with { running in
            let report = try PopulateEmulator.populate(running, fixture: fixture)
            #expect(!report.succeeded)
            let card = try #require(report.entries["pm-alice-visa"])
            #expect(card.outcome == .failed)
            #expect(card.error?.contains("payment_methods 'pm-alice-visa': create failed") == true, "\(card.error ?? "")")
            #expect(card.error?.contains("nosuchcard") == true)
            for key in ["sub-alice-starter-monthly", "pi-alice-onboarding", "re-alice-onboarding-partial", "cn-alice-goodwill"] {
                #expect(report.entries[key]?.outcome == .failed, "\(key)")
                #expect(report.entries[key]?.error?.contains("not attempted") == true, "\(key)")
            }
            #expect(report.total.failed == 5)
            #expect(report.counts(.customers).created == fixture.customers.count)
            #expect(report.entries["sub-bruno-pro-trial"]?.outcome == .created)
            #expect(report.entries["cus-erin"]?.outcome == .created)
            #expect(report.failures.count == 5)
        }
    }

    @Test("the command exits 1, prints the failures and still writes the manifest")
    func commandReportsFailure() async throws {
        let (_, fixturePath) = try brokenFixture()
        try await PopulateEmulator.with { running in
            let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("manifest.json").path
            let result = try CLI.run(["populate", "--fixture", fixturePath, "--manifest", path],
                                     environment: PopulateEmulator.cliEnvironment(running))
            #expect(result.status == 1)
            #expect(result.stderr.contains("pm-alice-visa"))
            #expect(result.stderr.contains("populate incomplete: 5 object(s) failed"))
            let totalLine = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("total") })
            #expect(totalLine.split(separator: " ").last == "5")
            let manifest = try #require(PopulateManifest.read(from: path))
            #expect(manifest.objects["pm-alice-visa"]?.outcome == .failed)
            #expect(manifest.objects["pm-alice-visa"]?.error != nil)
        }
    }
}
