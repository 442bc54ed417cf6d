import ArgumentParser
import StripeOLTP

/// `stripe-oltp migrate status`: a table of applied and pending versions with checksums.
struct MigrateStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show applied and pending migrations with their checksums.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let (_, migrator) = try database.migrator(settings)
            let states = try migrator.status()
            let rows = states.map { state in
                [String(state.version), state.name, state.kind.rawValue, String(state.checksum.prefix(12)),
                 state.appliedAt ?? "-"]
            }
            print(TextTable.render(headers: ["version", "name", "state", "checksum", "applied at (UTC)"], rows: rows))
            if states.contains(where: \.isProblem) { throw ExitCode.failure }
        }
    }
}
