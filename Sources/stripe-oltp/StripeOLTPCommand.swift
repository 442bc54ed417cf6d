import ArgumentParser

/// The `stripe-oltp` command: copies Stripe data into a normalized PostgreSQL database.
@main
struct StripeOLTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stripe-oltp",
        abstract: "Copy Stripe data into a normalized PostgreSQL database.",
        discussion: """
            Anywhere on the command line: -q/--quiet prints results and errors only (no notes, no progress), \
            -v/--verbose also prints the settings in use, --log-format text|json writes notes, details and errors \
            on standard error as text or as one JSON object per line (with run_id).
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
            StatusCommand.self,
        ]
    )

    /// `-q`, `-v`, `--log-format`: taken off the line before it is parsed (``main()``), so they
    /// work anywhere on it; declared here for the help and the completion scripts.
    @OptionGroup var global: GlobalOptions

    /// Takes the global options off the command line, sets up logging, then runs the command.
    static func main() {
        let (options, arguments) = GlobalOptions.take(from: Array(CommandLine.arguments.dropFirst()))
        CLILog.bootstrap(options)
        main(arguments)
    }
}
