import ArgumentParser
import Foundation
import StripeOLTP

/// `stripe-oltp migrate new NAME`: creates the next numbered migration file.
struct MigrateNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Create the next numbered migration file.")

    @Argument(help: "snake_case name, e.g. add_refunds")
    var name: String

    @Option(name: .customLong("migrations-dir"), help: "Folder of migration files (default: MIGRATIONS_DIR or ./migrations).")
    var migrationsDirectory: String?

    func validate() throws {
        guard MigrationFile.parseName("0001_\(name).sql") != nil else {
            throw ValidationError("NAME must be snake_case: lower-case letters, digits and underscores (got '\(name)')")
        }
    }

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let path = migrationsDirectory ?? settings["MIGRATIONS_DIR"] ?? "migrations"
            let url = try Migrator.newFile(named: name, in: try MigrationSet(directory: URL(fileURLWithPath: path)))
            print("migrate: created \(url.path)")
        }
    }
}
