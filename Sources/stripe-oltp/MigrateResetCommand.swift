import ArgumentParser
import Foundation
import Postgres
import StripeJSON
import StripeOLTP

/// `stripe-oltp migrate reset`: drops the schema and migrates again. Destructive; refused in
/// production; on a terminal it asks for the database name first, elsewhere it needs `--yes`.
struct MigrateResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Drop the stripe schemas and apply every migration again (refused under ENV=PROD).",
        discussion: "On a terminal, asks you to type the database's name to confirm; scripts pass --yes. Without a terminal and without --yes it refuses.")

    @Flag(name: .long, help: "Reset without asking (for scripts).")
    var yes = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let safety = SafetyGuard(environment: try settings.deploymentEnvironment())
            try safety.checkEnvironment("migrate reset")
            let url = try database.url(settings)
            let schema = try database.schema(settings)
            let connection = try schema.connect(url)
            let authorization = try safety.authorize("migrate reset", connection: connection)
            if !yes { try confirm(target: DatabaseOptions.describe(url), schema: schema, connection: connection) }
            let migrator = Migrator(
                connection: connection, migrations: try database.migrations(settings), environment: safety.environment)
            let applied = try migrator.reset(authorization: authorization) { print("migrate: \($0)") }
            try SchemaDocumentation.apply(connection: connection)
            print("migrate: reset \(DatabaseOptions.describe(url)), schema \(schema), \(applied.count) applied")
        }
    }

    /// Asks on the terminal for the database's name; throws when there is no terminal, or the
    /// answer is not the name.
    private func confirm(target: String, schema: SchemaName, connection: PGConnection) throws {
        let name = try connection.query("SELECT current_database()").scalar(String.self) ?? ""
        guard isatty(STDIN_FILENO) == 1 else {
            throw LoaderError.refused(
                command: "migrate reset",
                reason: "would drop the schemas \(schema.data) and \(schema.bookkeeping) of \(target), with every row in them, and there is "
                    + "no terminal to confirm on; pass --yes to reset without asking. Nothing was changed")
        }
        let prompt = "migrate reset drops the schemas \(schema.data) and \(schema.bookkeeping) of \(target), with every row in them.\n"
            + "Type the database name (\(name)) to confirm: "
        FileHandle.standardError.write(Data(prompt.utf8))
        let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard answer == name else {
            throw LoaderError.refused(command: "migrate reset", reason: "was not confirmed (typed '\(answer)', not '\(name)'); nothing was changed")
        }
    }
}
