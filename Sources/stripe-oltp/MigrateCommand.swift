import ArgumentParser

/// `stripe-oltp migrate`: applies, inspects and creates schema migrations.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply, inspect and create schema migrations.",
        subcommands: [MigrateUpCommand.self, MigrateStatusCommand.self, MigrateVerifyCommand.self,
                      MigrateNewCommand.self, MigrateResetCommand.self, MigrateMarkEnvironmentCommand.self,
                      MigrateMarkModeCommand.self],
        defaultSubcommand: MigrateUpCommand.self)
}
