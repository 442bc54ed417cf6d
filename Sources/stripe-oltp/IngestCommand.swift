import ArgumentParser
import Foundation
import StripeOLTP

/// `stripe-oltp ingest all|RESOURCE`: loads JSON dumps into the database.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load Stripe JSON dumps (envelope, array or NDJSON; .gz too) into the database.",
        discussion: "Resources: all, \(Resource.allCases.map(\.rawValue).joined(separator: ", ")).")

    @Argument(help: "'all' or one resource name.")
    var target: String

    @Option(name: .long, help: "Dump folder holding <resource>.json files.")
    var dir: String?

    @Option(name: .long, help: "Dump file for a single resource.")
    var file: String?

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @Option(name: .customLong("batch-size"), help: "Objects per COPY batch.")
    var batchSize = 2000

    @Option(name: .customLong("max-object-size"),
            help: "Largest dump object loaded (bytes, or KiB/MiB/GiB); larger ones are rejected.")
    var maxObjectSize = ByteSize(bytes: DumpReader.defaultMaxObjectSize)

    @Option(name: .customLong("lock-timeout"),
            help: "Seconds a first load waits for its exclusive table locks before loading the usual way.")
    var lockTimeout = Ingester.defaultLockTimeout

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if target != "all" && Resource(name: target) == nil {
            throw ValidationError("unknown resource '\(target)'; expected all or one of \(Resource.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if target == "all" {
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
        try CommandFailure.run {
            let settings = Settings()
            let inputs: [(Resource, String?)]
            let source: String
            if let file {
                guard FileManager.default.fileExists(atPath: file) else {
                    throw LoaderError.dumpFile(file: file, reason: "does not exist")
                }
                inputs = [(Resource(name: target)!, file)]
                source = file
            } else {
                let directory = try DumpDirectory(path: dir!)
                let resources = target == "all" ? Resource.allCases : [Resource(name: target)!]
                inputs = Ingester.inputs(directory: directory, resources: resources)
                source = directory.path
            }
            let connection = try database.connect(settings)
            let progress = ProgressLine()
            report = try Ingester(
                connection: connection, batchSize: batchSize, maxObjectSize: maxObjectSize.bytes, lockTimeout: lockTimeout
            ).run(
                inputs, source: source,
                progress: { resource, count in progress.update(resource.rawValue, objects: count) },
                onResource: { summary in
                    progress.clear()
                    if let error = summary.error {
                        CommandFailure.printError("\(summary.resource.rawValue) failed and was rolled back: \(error)")
                    }
                })
            progress.clear()
            if let report, report.interruptedRuns > 0 {
                CommandFailure.printNotice("marked \(report.interruptedRuns) interrupted run(s): recorded as running, but their session is gone")
            }
            if let report, let skipped = report.fastPathSkipped {
                CommandFailure.printNotice(skipped)
            }
            if let dir, target == "all", let report, let manifest = try FetchManifest.read(directory: dir) {
                let ingested = Set(report.resources.filter { $0.outcome == .loaded && $0.rejected == 0 }.map(\.resource))
                let advanced = try FetchCursorStore.record(
                    manifest: manifest, ingested: ingested, runID: report.runID, connection: connection)
                if !advanced.isEmpty {
                    CommandFailure.printNotice("fetch cursors advanced for: \(advanced.joined(separator: ", "))")
                }
            }
        }
        guard let report else { return }
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
            var parts: [String] = []
            if rejected > 0 { parts.append("\(rejected) object(s) rejected (see stripe_oltp.ingest_rejects, run \(report.runID))") }
            if !failed.isEmpty { parts.append("failed and rolled back: \(failed.joined(separator: ", "))") }
            CommandFailure.printError("ingest incomplete: " + parts.joined(separator: "; "))
            throw ExitCode.failure
        }
    }
}
