import ArgumentParser
import Foundation
import Postgres
import StripeJSON
import StripeOLTP
import StripeSchema

/// `stripe-oltp check --dir DUMPS`: proves the database holds exactly what the dumps hold.
///
/// Exit status: 0 when everything matches, 1 when something differs, 2 when the check could
/// not run (a missing dump file, no database).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare the dumps with the database; exit 0 only when they match exactly.",
        discussion: """
            Exit status: 0 match, 1 differences found, 2 the check could not run. Invariant breaks and values \
            outside the documented ones are warnings (they can come from Stripe's own data); --strict makes them fail.
            """)

    @Option(name: .long, help: "Dump folder holding one <resource>.json per resource.")
    var dir: String

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Flag(name: .long, help: "Fail (exit 1) on warnings too: invariant breaks and undocumented values.")
    var strict = false

    @Option(name: .long, help: "How many ids to list per finding.")
    var limit = 10

    @Option(name: .customLong("max-object-size"),
            help: "Largest dump object read (bytes, or KiB/MiB/GiB), as given to ingest.")
    var maxObjectSize = ByteSize(bytes: DumpReader.defaultMaxObjectSize)

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard limit >= 1 && limit <= 10_000 else { throw ValidationError("--limit must be between 1 and 10000") }
    }

    func run() throws {
        let report: CheckReport
        var sourceNote: String?
        var schema = SchemaName.default
        do {
            let settings = Settings()
            let directory = try DumpDirectory(path: dir)
            let connection = try database.connect(settings)
            schema = SchemaName.bound(to: connection)
            // A second session checks half of the resources concurrently.
            let helper = IntegrityChecker(connection: try database.connect(settings), sampleSize: limit,
                                          maxObjectSize: maxObjectSize.bytes)
            let progress = ProgressRenderer()
            report = try IntegrityChecker(connection: connection, sampleSize: limit, maxObjectSize: maxObjectSize.bytes)
                .check(directory: directory, helper: helper, progress: progress.update)
            progress.finish()
            sourceNote = try DataSourceNote.note(directory: directory.path, report: report, connection: connection)
            Telemetry.record("check.completed", seconds: report.seconds, details: CheckTelemetry(report: report),
                             connect: { try database.schema(settings).connect(database.url(settings)) })
        } catch {
            CommandFailure.printError("check could not run: \(error)")
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(CheckReportText.render(report, schema: schema))
        }
        if let sourceNote { CommandFailure.printError("note: " + sourceNote) }
        if !report.passed(strict: strict) { throw ExitCode(1) }
    }
}
