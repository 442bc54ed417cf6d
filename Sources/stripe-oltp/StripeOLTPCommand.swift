import ArgumentParser

/// The `stripe-oltp` command: copies Stripe data into a normalized PostgreSQL database.
@main
struct StripeOLTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stripe-oltp",
        abstract: "Copy Stripe data into a normalized PostgreSQL database.",
        subcommands: [
            MigrateCommand.self,
            IngestCommand.self,
            CheckCommand.self,
            FetchCommand.self,
            GenerateCommand.self,
            PopulateCommand.self,
        ]
    )
}
