import ArgumentParser
import StripeOLTP

/// `stripe-oltp migrate up`: applies pending migrations in order.
struct MigrateUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "up", abstract: "Apply pending migrations in order.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let target = DatabaseOptions.describe(try database.url(settings))
            let (connection, migrator) = try database.migrator(settings)
            let applied = try migrator.up { print("migrate: \($0)") }
            try SchemaDocumentation.apply(connection: connection)
            print("migrate: \(target) \(applied.isEmpty ? "up to date" : "\(applied.count) applied")")
        }
    }
}
