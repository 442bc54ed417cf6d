import ArgumentParser
import Foundation
import StripeJSON
import StripeOLTP
import StripeSchema

/// `stripe-oltp ingest all|RESOURCE`: loads JSON dumps into the database.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load Stripe JSON dumps (envelope, array or NDJSON; .gz too) into the database.",
        discussion: "Resources: all, \(Resource.allCases.map(\.rawValue).joined(separator: ", ")).")

    @Argument(help: "'all' or one resource name.")
    var target: IngestTarget

    @Option(name: .long, help: "Dump folder holding <resource>.json files.")
    var dir: String?

    @Option(name: .long, help: "Dump file for a single resource.")
    var file: String?

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @Flag(name: .customLong("dry-run"),
          help: "Run the whole ingest inside its transaction and roll it back: the summary shows what it would do; nothing is written.")
    var dryRun = false

    @Option(name: .customLong("batch-size"), help: "Objects per COPY batch.")
    var batchSize = 2000

    @Option(name: .customLong("max-object-size"),
            help: "Largest dump object loaded (bytes, or KiB/MiB/GiB); larger ones are rejected.")
    var maxObjectSize = ByteSize(bytes: DumpReader.defaultMaxObjectSize)

    @Option(name: .customLong("lock-timeout"),
            help: "Seconds a first load waits for its exclusive table locks before loading the usual way.")
    var lockTimeout = Ingester.defaultLockTimeout

    @OptionGroup var database: DatabaseOptions

    /// How many rejected objects the console lists (all are in `stripe_oltp.ingest_rejects`).
    static let rejectsShown = 5

    func validate() throws {
        if target == .all {
            guard dir != nil else { throw ValidationError("'ingest all' needs --dir FOLDER") }
            guard file == nil else { throw ValidationError("--file goes with a single resource, not 'all'") }
        } else if (dir == nil) == (file == nil) {
            throw ValidationError("'ingest \(target)' needs exactly one of --file FILE or --dir FOLDER")
        }
        guard batchSize >= 1 && batchSize <= 1_000_000 else {
            throw ValidationError("--batch-size must be between 1 and 1000000")
        }
        guard maxObjectSize.bytes <= 1 << 30 else {
            throw ValidationError("--max-object-size must be at most 1GiB (PostgreSQL holds at most 1 GB in one value)")
        }
        guard lockTimeout > 0 && lockTimeout <= 86_400 else {
            throw ValidationError("--lock-timeout must be between 0 and 86400 seconds (excluded 0)")
        }
    }

    func run() throws {
        var report: IngestReport?
        var rejects: [IngestReject] = []
        var schema = SchemaName.default
        try CommandFailure.run {
            let settings = Settings()
            let inputs: [(Resource, String?)]
            let source: String
            if let file {
                guard FileManager.default.fileExists(atPath: file) else {
                    throw LoaderError.dumpFile(file: file, reason: "does not exist")
                }
                inputs = target.resources.map { ($0, file) }  // validate() pairs --file with one resource
                source = file
            } else {
                let directory = try DumpDirectory(path: dir!)
                try directory.requireAnyFile(for: target.resources)
                inputs = Ingester.inputs(directory: directory, resources: target.resources)
                source = directory.path
            }
            let connection = try database.connect(settings)
            schema = SchemaName.bound(to: connection)
            let manifest = try dir.flatMap { target == .all ? try FetchManifest.read(directory: $0) : nil }
            if let account = manifest?.account {
                try SourceAccountStore.verify(account, directory: source, connection: connection)
            }
            CommandFailure.printNotice("ingesting \(source) into \(try database.target(settings))")
            let progress = ProgressRenderer()
            report = try Ingester(
                connection: connection, batchSize: batchSize, maxObjectSize: maxObjectSize.bytes, lockTimeout: lockTimeout,
                logger: CLILog.logger("ingest")
            ).run(
                inputs, source: source, completeListings: manifest?.completeListings ?? [], dryRun: dryRun,
                progress: progress.update,
                onResource: { summary in
                    if let error = summary.error {
                        CommandFailure.printError("\(summary.resource.rawValue) failed and was rolled back: \(error)")
                    }
                    if let error = summary.embeddedError {
                        CommandFailure.printNotice("\(summary.resource.rawValue) found inside other objects were not added: \(error)")
                    }
                })
            progress.finish()
            if let report, report.dryRun {
                rejects = Array(report.dryRunRejects.prefix(Self.rejectsShown))
            } else if let report, report.resources.contains(where: { $0.rejected > 0 }) {
                rejects = try IngestReject.first(Self.rejectsShown, runID: report.runID, connection: connection)
            }
            if let report, report.interruptedRuns > 0 {
                CommandFailure.printNotice("marked \(report.interruptedRuns) interrupted run(s): recorded as running, but their session is gone")
            }
            if let report, let skipped = report.fastPathSkipped {
                CommandFailure.printNotice(skipped)
            }
            if let report, let manifest, !report.dryRun {
                if let account = manifest.account,
                   try SourceAccountStore.recordIfNone(account, runID: report.runID, connection: connection) {
                    CommandFailure.printNotice("the database now holds Stripe account \(account)")
                }
                let ingested = Set(report.resources.filter { $0.outcome == .loaded && $0.rejected == 0 }.map(\.resource))
                let advanced = try FetchCursorStore.record(
                    manifest: manifest, ingested: ingested, runID: report.runID, connection: connection)
                if !advanced.isEmpty {
                    CommandFailure.printNotice("fetch cursors advanced for: \(advanced.joined(separator: ", "))")
                }
            }
        }
        guard let report else { return }
        for phase in report.phases {
            CommandFailure.printDetail("phase \(phase.name): \(String(format: "%.2f", phase.seconds)) s")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(IngestSummaryTable.render(report))
        }
        if !report.succeeded {
            let rejected = report.resources.reduce(0) { $0 + $1.rejected }
            let failed = report.resources.filter { $0.outcome == .failed }.map(\.resource.rawValue)
            for reject in rejects {
                CommandFailure.printError("rejected \(Self.printable(reject.description))")
            }
            if rejected > rejects.count { CommandFailure.printError("… and \(rejected - rejects.count) more rejected") }
            var parts: [String] = []
            if rejected > 0 {
                parts.append(report.dryRun ? "\(rejected) object(s) rejected"
                             : "\(rejected) object(s) rejected (see \(schema.bookkeeping).ingest_rejects, run \(report.runID))")
            }
            if !failed.isEmpty { parts.append("failed and rolled back: \(failed.joined(separator: ", "))") }
            CommandFailure.printError((report.dryRun ? "ingest would be incomplete: " : "ingest incomplete: ")
                                      + parts.joined(separator: "; "))
            throw ExitCode.failure
        }
    }

    /// `text` with control characters written as `\u{…}`, so a hostile id cannot move the cursor.
    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.flatMap { scalar -> [Character] in
            scalar.value < 0x20 || scalar.value == 0x7F ? Array("\\u{\(String(scalar.value, radix: 16))}") : [Character(scalar)]
        })
    }
}
