import ArgumentParser
import StripeOLTP

/// `stripe-oltp migrate mark-environment DEV|TEST|PROD`: records by hand which environment a
/// database belongs to, e.g. after its `stripe_oltp.environment` row was deleted (until then it
/// counts as PROD). Refused under ENV=PROD and on a database recorded as PROD.
struct MigrateMarkEnvironmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark-environment",
        abstract: "Record the database's environment (DEV, TEST or PROD); refused under ENV=PROD and on a database recorded as PROD.",
        discussion: """
            A database whose schemas exist but whose environment record is gone counts as PROD: \
            destructive commands are refused on it until this command records its environment.
            """)

    @Argument(help: "DEV, TEST or PROD.")
    var environment: DeploymentEnvironment

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let command = SafetyGuard.markEnvironmentCommand
            let safety = SafetyGuard(environment: try settings.deploymentEnvironment())
            try safety.checkEnvironment(command)
            let connection = try database.connect(settings)
            let authorization = try safety.authorize(command, connection: connection)
            let target = environment
            try EnvironmentMarker.record(target, connection: connection, authorization: authorization)
            print("migrate: this database is now recorded as \(target.rawValue) (\(connection.redactedURL))")
        }
    }
}
