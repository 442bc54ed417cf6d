import ArgumentParser
import Foundation
import StripeHTTP
import StripeOLTP

/// `stripe-oltp populate [--force]`: fills a Stripe test account (or the local emulator) with
/// the fixture data set. Refused under ENV=PROD and with any live-mode key, before any request.
struct PopulateCommand: ParsableCommand {
    /// The command's name, abstract and discussion.
    static let configuration = CommandConfiguration(
        commandName: "populate",
        abstract: "Create the fixture data set in a Stripe test account (refused under ENV=PROD and with live keys).",
        discussion: """
            Creates the products, prices, customers, cards, subscriptions, payments and refunds of \
            the fixture, skipping every object that already exists (each carries metadata[fixture_key]), \
            so running it again creates nothing. --force cancels the fixture customers' subscriptions \
            and creates them again. Uses STRIPE_SECRET_KEY (a sk_test_/rk_test_ key) and STRIPE_API_BASE. \
            Prints created/skipped/failed per resource and writes a manifest of every fixture key, its \
            Stripe id and its expected final state. Exit status 1 when an object failed.
            """)

    /// `--force`.
    @Flag(name: .long, help: "Cancel the fixture customers' subscriptions and create them again.")
    var force = false

    /// `--fixture FILE`.
    @Option(name: .long, help: "The data set to create (default: the fixtures/populate.json built into stripe-oltp).")
    var fixture: String?

    /// `--dry-run`.
    @Flag(name: .customLong("dry-run"),
          help: "Print what a run would create, sending only GET requests; writes no manifest.")
    var dryRun = false

    /// `--manifest FILE`.
    @Option(name: .long, help: "Where to write the manifest (fixture key → Stripe id and expected state).")
    var manifest: String = PopulateManifest.defaultPath

    /// Checks the arguments before anything is read or sent.
    func validate() throws {
        guard fixture?.isEmpty != true else { throw ValidationError("--fixture must name a file") }
        if dryRun && force { throw ValidationError("--dry-run cannot be combined with --force") }
        guard !manifest.isEmpty else { throw ValidationError("--manifest must name a file") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: manifest, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--manifest '\(manifest)' is a directory")
        }
    }

    /// The rest of a dry run's output: the requests a run would send, and plainly that none was.
    private func showPlan(_ report: PopulateReport) throws {
        for request in report.withheldRequests { print("would send \(request)") }
        print("dry run: \(report.total.planned) object(s) would be created or changed, \(report.total.skipped) already exist; "
              + "only GET requests were sent, nothing was created and no manifest was written")
        if !report.succeeded {
            for failure in report.failures { CommandFailure.printError(failure) }
            CommandFailure.printError("populate would be incomplete: \(report.total.failed) object(s) failed")
            throw ExitCode.failure
        }
    }

    /// Passes the safety guard, then creates what is missing and prints the summary.
    func run() throws {
        var outcome: PopulateReport?
        try CommandFailure.run {
            let settings = Settings()
            let started = Date()
            let command = force ? "populate-force" : "populate"
            let safety = SafetyGuard(environment: try settings.deploymentEnvironment())
            // Environment and key first: nothing is read or sent before both pass.
            let authorization = try safety.authorizeStripe(command, apiKey: settings["STRIPE_SECRET_KEY"])
            let data = try fixture.map { try PopulateFixture.load(path: $0) } ?? PopulateFixture.bundled()
            let base = settings["STRIPE_API_BASE"] ?? StripeClientConfiguration.defaultBaseURL
            let client = try StripeClient(configuration: StripeClientConfiguration(
                apiKey: settings["STRIPE_SECRET_KEY"]!, baseURL: base))
            let account = try FetchAccount.retrieve(client: client) { reason in
                CommandFailure.printNotice("populating \(base); the key may not read /v1/account (\(reason))")
            }
            if let account { CommandFailure.printNotice("populating Stripe account \(account)") }
            let populator = try Populator(
                client: client, fixture: data, authorization: authorization, force: force,
                previous: PopulateManifest.read(from: manifest), dryRun: dryRun)
            let progress = ProgressRenderer()
            let report = populator.run(progress: progress.update)
            progress.finish()
            if dryRun {
                outcome = report
                return
            }
            let stamp = ISO8601DateFormatter().string(from: Date())
            try report.manifest(apiBase: client.configuration.publicBaseURL, generatedAt: stamp).write(to: manifest)
            outcome = report
            Telemetry.record("populate.completed", seconds: Date().timeIntervalSince(started),
                             details: PopulateTelemetry(report: report), connect: { try settings.schema().connect(settings.databaseURL()) })
        }
        guard let report = outcome else { return }
        print(PopulateSummaryTable.render(report))
        if report.dryRun { return try showPlan(report) }
        if force {
            print("populate: canceled \(report.canceledSubscriptions.count) subscription(s) and created them again "
                  + "(generation \(report.generation ?? "-"))")
        }
        print("populate: manifest written to \(manifest)")
        if !report.succeeded {
            for failure in report.failures { CommandFailure.printError(failure) }
            CommandFailure.printError("populate incomplete: \(report.total.failed) object(s) failed")
            throw ExitCode.failure
        }
    }
}
