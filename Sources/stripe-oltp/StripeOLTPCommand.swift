import ArgumentParser

/// The `stripe-oltp` command: copies Stripe data into a normalized PostgreSQL database.
@main
struct StripeOLTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stripe-oltp",
        abstract: "Copy Stripe data into a normalized PostgreSQL database.",
        discussion: """
            Anywhere on the command line: -q/--quiet prints results and errors only (no notes, no progress), \
            -v/--verbose also prints the settings in use.
            """,
        version: BuildInfo.versionText,
        subcommands: [
            MigrateCommand.self,
            IngestCommand.self,
            CheckCommand.self,
            FetchCommand.self,
            GenerateCommand.self,
            PopulateCommand.self,
            ResourcesCommand.self,
            SchemaCommand.self,
            ServeCommand.self,
            SyncCommand.self,
            EventsCommand.self,
        ]
    )

    /// Takes the verbosity flags off the command line, then runs the command.
    static func main() {
        let arguments = Verbosity.take(from: Array(CommandLine.arguments.dropFirst()))
        main(arguments)
    }
}
