import Postgres

/// The one guard every destructive or populating command passes first.
///
/// It refuses under `ENV=PROD` before touching anything, and refuses when the database itself
/// was recorded as PROD when it was first migrated, whatever `ENV` says.
public struct SafetyGuard: Sendable {
    /// Every command that writes, drops, resets or populates beyond loading dumps.
    public static let destructiveCommands: [String] = ["migrate reset", "populate", "populate-force"]

    /// The environment the process runs in.
    public let environment: DeploymentEnvironment

    /// Creates a guard for `environment`.
    public init(environment: DeploymentEnvironment) {
        self.environment = environment
    }

    /// Checks the process environment alone; call before opening any connection.
    public func checkEnvironment(_ command: String) throws {
        precondition(SafetyGuard.destructiveCommands.contains(command), "\(command) is not a listed destructive command")
        if environment == .prod {
            throw LoaderError.refused(command: command, reason: "is destructive and ENV=PROD; nothing was changed")
        }
    }

    /// Checks the environment, then the environment recorded in the database (a read only),
    /// and returns the authorization the destructive operation requires.
    public func authorize(_ command: String, connection: PGConnection?) throws -> DestructiveAuthorization {
        try checkEnvironment(command)
        if let connection {
            let hasMarker = try connection.query("SELECT to_regclass('stripe_oltp.environment') IS NOT NULL")
                .scalar(Bool.self) ?? false
            let recorded = hasMarker
                ? try connection.query("SELECT env FROM stripe_oltp.environment LIMIT 1").scalar(String.self) : nil
            if recorded == DeploymentEnvironment.prod.rawValue {
                throw LoaderError.refused(
                    command: command,
                    reason: "is destructive and this database is recorded as PROD (ENV=\(environment.rawValue)); nothing was changed")
            }
        }
        return DestructiveAuthorization(command: command)
    }
}
