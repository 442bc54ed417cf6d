import ArgumentParser
import Foundation
import StripeOLTP

/// `stripe-oltp status [--json] [--max-lag 1h]`: whether the sync is healthy, from the database
/// alone; exit 1 when a threshold is crossed, so cron or a monitor can alert on it.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how the database stands: rows, placeholders, rejects, cursors, last runs, fetch lag.",
        discussion: """
            Per resource: rows, placeholders outstanding, rejects outstanding (not loaded by a later run), \
            the newest created loaded and the cursor's age; then the last ingest, fetch, check and populate with \
            their outcome, the interrupted ingest runs and the fetch lag (the newest event the last ingested fetch \
            saw, against now). Exit status 1 when a threshold given is crossed (--max-lag), 2 when the status \
            cannot be read.
            """)

    @Flag(name: .long, help: "Print the status as JSON.")
    var json = false

    @Option(name: .customLong("max-lag"), help: "Exit 1 when the fetch lag is over this (45s, 30m, 1h, 2d), or unknown.")
    var maxLag: AgeLimit?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let status: SyncStatus
        do {
            let connection = try database.connect(Settings())
            status = try SyncStatus.read(connection: connection, now: Int(Date().timeIntervalSince1970))
                .checked(maxLag: maxLag?.seconds)
        } catch {
            CommandFailure.printError("status could not be read: \(error)")
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(StatusText.render(status))
        }
        for problem in status.problems { CommandFailure.printError("status: \(problem)") }
        if !status.problems.isEmpty { throw ExitCode.failure }
    }
}
