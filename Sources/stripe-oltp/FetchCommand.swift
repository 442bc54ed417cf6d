import ArgumentParser
import Foundation
import StripeHTTP
import StripeJSON
import StripeOLTP
import StripeSchema

/// `stripe-oltp fetch`: pulls the Stripe account's objects into a dump folder for `ingest`.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch Stripe objects through the list API into a dump folder (with manifest.json) that 'ingest all' reads.",
        discussion: """
            Key from STRIPE_SECRET_KEY, base URL from STRIPE_API_BASE (environment or .env.*). By default the fetch \
            starts from the cursors the last ingested fetch recorded in the database (objects created since, plus \
            the changes and deletions /v1/events reports); with no cursor, or one older than Stripe's 30-day event \
            retention, it fetches everything. An interrupted or partly failed fetch resumes when rerun on the same folder.
            """)

    @Option(name: .long, help: "Dump folder to write (default: FETCH_DIR or ./dumps).")
    var out: String?

    @Option(name: .long, help: "Fetch objects created since, and changes since: 2026-01-31, 2026-01-31T08:00:00Z, unix seconds, or an age such as 7d or 12h.",
            transform: SinceTime.parse)
    var since: SinceTime?

    @Flag(name: .long, help: "Ignore the stored cursors and fetch everything.")
    var full = false

    @Flag(name: .long, help: "Start over instead of resuming an unfinished fetch in the folder.")
    var restart = false

    @Option(name: .long, help: "Comma-separated resources to fetch (default: all).",
            completion: .list(ResourceList.names), transform: ResourceList.parse)
    var resources: ResourceList?

    @Option(name: .long, help: "Requests in flight at once.")
    var workers = 12

    @Option(name: .long, help: "Requests per second at most (default: 25 with a test key, 100 with a live key).")
    var rate: Double?

    @Option(name: .long, help: "File format.")
    var format: FetchFileFormat = .ndjson

    @Flag(name: .long, help: "Print the manifest as JSON instead of a table.")
    var json = false

    @Flag(name: .customLong("dry-run"),
          help: "Check the key against /v1/account and list the first page of each resource; write no file, move no cursor.")
    var dryRun = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be between 1 and 64") }
        if let rate, !(rate > 0 && rate <= 1000) { throw ValidationError("--rate must be between 0 and 1000 requests/s") }
        if full && since != nil { throw ValidationError("--full and --since cannot be combined") }
    }

    func run() throws {
        var report: FetchReport?
        var preview: FetchPreview?
        var directory = ""
        try CommandFailure.run {
            let settings = Settings()
            guard let key = settings["STRIPE_SECRET_KEY"] else {
                throw LoaderError.configuration(
                    "STRIPE_SECRET_KEY is not set; export it or put it in .env.local (a secret sk_… or restricted rk_… key)")
            }
            let configuration = try StripeClientConfiguration(
                apiKey: key, baseURL: settings["STRIPE_API_BASE"] ?? StripeClientConfiguration.defaultBaseURL,
                requestsPerSecond: rate)
            let now = Int(Date().timeIntervalSince1970)
            let options = FetchOptions(
                directory: out ?? settings["FETCH_DIR"] ?? "dumps", resources: resources?.resources ?? LoadOrder.resources,
                since: since?.unixTime, full: full, restart: restart, workers: workers, format: format, now: now)
            try refuseOtherMode(configuration, settings: settings)
            let cursors = full || since != nil ? FetchCursors() : try FetchCursorStore.load(connection: database.connect(settings))
            if dryRun {
                preview = try Fetcher(configuration: configuration, options: options, cursors: cursors,
                                      logger: CLILog.logger("fetch")).preview()
                return
            }
            let progress = ProgressRenderer()
            let fetcher = Fetcher(
                configuration: configuration, options: options, cursors: cursors, logger: CLILog.logger("fetch"),
                progress: { totals in
                    progress.update(WorkProgress(
                        stage: "fetch", done: totals.objects, total: nil, unit: .objects,
                        detail: String(format: "%d requests, %.1f requests/s, %d retries", totals.requests,
                                       totals.requestsPerSecond, totals.retries)))
                })
            let fetched = try fetcher.run()
            report = fetched
            progress.finish()
            Telemetry.record("fetch.completed", seconds: fetched.progress.seconds, details: FetchTelemetry(report: fetched),
                             connect: { try database.schema(settings).connect(database.url(settings)) })
            directory = options.directory
        }
        if let preview { return try show(preview) }
        guard let report else { return }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report.manifest), as: UTF8.self))
        } else {
            print(FetchSummaryTable.render(report, directory: directory))
        }
        if !report.succeeded {
            let failed = report.manifest.resources.filter { $0.status != .complete }
            for entry in failed {
                CommandFailure.printError("\(entry.resource.rawValue) failed: \(entry.error ?? "unknown error")")
            }
            CommandFailure.printError("fetch incomplete: \(failed.count) resource(s) failed; the others were kept; rerun to resume")
            throw ExitCode.failure
        }
    }

    /// Prints a dry run's first pages (table or JSON); exit status 1 when a page could not be listed.
    private func show(_ preview: FetchPreview) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(preview), as: UTF8.self))
        } else {
            print(FetchPreviewTable.render(preview))
        }
        if !preview.succeeded {
            for page in preview.pages where page.error != nil {
                CommandFailure.printError("\(page.resource.rawValue) could not be listed: \(page.error ?? "")")
            }
            throw ExitCode.failure
        }
    }

    /// Refuses a key of the other mode than the schema records, before any request; a database
    /// that cannot be reached is not checked (ingest checks every object anyway).
    private func refuseOtherMode(_ configuration: StripeClientConfiguration, settings: Settings) throws {
        let schema = try database.schema(settings)
        guard let connection = try? schema.connect(database.url(settings)) else { return }
        try SchemaMode.verifyKey(isLiveKey: configuration.isLiveKey, connection: connection)
    }
}
