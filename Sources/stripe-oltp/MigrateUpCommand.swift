import ArgumentParser
import StripeOLTP

/// `stripe-oltp migrate up`: applies pending migrations in order.
struct MigrateUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Apply pending migrations in order.",
        discussion: """
            Under PROD (ENV=PROD, or a database recorded as PROD or recording no environment) a pending \
            migration that drops or truncates a table, schema or column of stripe or stripe_oltp is \
            refused, and nothing is applied, unless --allow-destructive is given.
            """)

    @Flag(name: .customLong("allow-destructive"),
          help: "Under PROD, also apply migrations that drop or truncate stripe tables, schemas or columns.")
    var allowDestructive = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let target = try database.target(settings)
            let (connection, migrator) = try database.migrator(settings)
            let applied = try migrator.up(allowDestructive: allowDestructive) { print("migrate: \($0)") }
            try SchemaDocumentation.apply(connection: connection)
            print("migrate: \(target) \(applied.isEmpty ? "up to date" : "\(applied.count) applied")")
        }
    }
}
