import ArgumentParser
import StripeOLTP

/// `stripe-oltp migrate verify`: exits non-zero when the ledger and files disagree or files are pending.
struct MigrateVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Fail when migrations are edited, missing, out of order or pending.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            try database.migrator(settings).1.verify()
            print("migrate: verified, nothing pending")
        }
    }
}
