import ArgumentParser
import StripeOLTP

/// `stripe-oltp migrate reset`: drops the schema and migrates again. Destructive; refused in production.
struct MigrateResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Drop the stripe schemas and apply every migration again (refused under ENV=PROD).")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let safety = SafetyGuard(environment: try settings.deploymentEnvironment())
            try safety.checkEnvironment("migrate reset")
            let connection = try database.connect(settings)
            let authorization = try safety.authorize("migrate reset", connection: connection)
            let migrator = Migrator(
                connection: connection, migrations: try database.migrations(settings), environment: safety.environment)
            let applied = try migrator.reset(authorization: authorization) { print("migrate: \($0)") }
            print("migrate: reset, \(applied.count) applied (\(connection.redactedURL))")
        }
    }
}
