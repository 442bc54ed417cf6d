import Postgres
import StripeHTTP
import StripeJSON

/// The one guard every destructive or populating command passes first.
///
/// It refuses under `ENV=PROD` before touching anything, refuses when the database itself
/// was recorded as PROD when it was first migrated, whatever `ENV` says (a database whose
/// schemas exist without that record counts as PROD), and refuses to send anything to Stripe
/// with a live-mode or malformed key.
///
/// Every command of the CLI is classified here, as destructive or as safe; a test compares the
/// CLI's commands with these lists, so a new command cannot ship unclassified.
public struct SafetyGuard: Sendable {
    /// Every command that writes, drops, resets or populates beyond loading dumps.
    public static let destructiveCommands: [String] = ["migrate reset", markEnvironmentCommand, "populate", "populate-force"]

    /// The command that records a database's environment by hand; it can re-open `migrate reset`,
    /// so it is destructive, but it is allowed on a database whose marker is missing.
    public static let markEnvironmentCommand = "migrate mark-environment"

    /// The command-line arguments that run each destructive command (`populate-force` is
    /// `populate --force`); the command path is a prefix of them.
    public static let destructiveInvocations: [String: [String]] = [
        "migrate reset": ["migrate", "reset"],
        markEnvironmentCommand: ["migrate", "mark-environment", "DEV"],
        "populate": ["populate"],
        "populate-force": ["populate", "--force"],
    ]

    /// The commands that may run anywhere, production included, and why: they only read, only
    /// add (load dumps, apply forward-only migrations), or only write new local files.
    public static let safeCommands: [String: String] = [
        "migrate up": "applies pending forward-only migrations; under PROD (ENV or the database's record) it refuses "
            + "migrations that drop or truncate stripe tables unless --allow-destructive is given",
        "migrate status": "reads the migration ledger",
        "migrate verify": "reads the migration ledger",
        "migrate new": "writes a new, empty migration file in the migrations folder",
        "ingest": "loads dumps: inserts and updates rows, marks deletions; drops nothing",
        "check": "reads the dumps and the database",
        "fetch": "reads from Stripe with GET requests only and writes dump files into a local folder",
        "generate": "writes synthetic dump files into a local folder",
        "resources": "prints the catalog's resource names",
        "schema": "prints the catalog's entity-relationship diagram",
        "status": "reads the database's rows, cursors and run records",
        "help": "prints usage",
        "serve": "applies verified webhook events as ingest does: inserts and updates rows, marks deletions; drops nothing",
        "sync": "reads events from Stripe with GET requests and applies them as ingest loads objects: inserts and "
            + "updates rows, marks deletions; drops nothing",
        "events retry": "applies quarantined events again as ingest loads objects; drops nothing",
        "migrate mark-mode": "records the mode (test or live) a schema holds, which only narrows what later loads accept; "
            + "replacing a recorded mode (--replace) is refused under PROD (ENV or the database's record)",
    ]

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

    /// Checks the environment, then the Stripe key a populating command would use: it must be a
    /// test-mode key (`sk_test_…`/`rk_test_…`); a live key is refused whatever `ENV` says, and
    /// so is any other kind of key.
    /// Call before sending any request. The key never appears in the errors.
    public func authorizeStripe(_ command: String, apiKey: String?) throws -> DestructiveAuthorization {
        try checkEnvironment(command)
        guard let apiKey, !apiKey.isEmpty else {
            throw LoaderError.configuration(
                "STRIPE_SECRET_KEY is not set; '\(command)' needs a Stripe test-mode secret key "
                    + "(starting with sk_test or rk_test) in the environment or .env.local")
        }
        guard StripeClientConfiguration.isWellFormedKey(apiKey) else {
            throw LoaderError.refused(command: command, reason: "because " + StripeClientConfiguration.malformedKeyReason)
        }
        if apiKey.hasPrefix("sk_live_") || apiKey.hasPrefix("rk_live_") {
            throw LoaderError.refused(
                command: command,
                reason: "with a live-mode Stripe key (STRIPE_SECRET_KEY starts with sk_live or rk_live), whatever ENV says; "
                    + "use a test-mode key; nothing was sent")
        }
        guard apiKey.hasPrefix("sk_test_") || apiKey.hasPrefix("rk_test_") else {
            throw LoaderError.refused(
                command: command,
                reason: "because STRIPE_SECRET_KEY is not a test-mode secret or restricted key (starting with sk_test or rk_test); nothing was sent")
        }
        return DestructiveAuthorization(command: command)
    }

    /// Checks the environment, then the environment recorded in the database (a read only),
    /// and returns the authorization the destructive operation requires. A database whose
    /// schemas exist without a recorded environment counts as PROD, except for
    /// `migrate mark-environment`, which is how a person records it again.
    public func authorize(_ command: String, connection: PGConnection?) throws -> DestructiveAuthorization {
        try checkEnvironment(command)
        if let connection {
            switch try EnvironmentMarker.read(connection) {
            case .empty:
                break
            case .recorded(let recorded):
                if recorded == .prod {
                    throw LoaderError.refused(
                        command: command,
                        reason: "is destructive and this database is recorded as PROD (ENV=\(environment.rawValue)); nothing was changed")
                }
            case .productionDatabase:
                throw LoaderError.refused(
                    command: command,
                    reason: "is destructive and this database's default schema stripe counts as PROD, so schema "
                        + "\(SchemaName.bound(to: connection)) in it does too (ENV=\(environment.rawValue)); nothing was changed")
            case .missing:
                if command != SafetyGuard.markEnvironmentCommand {
                    throw LoaderError.refused(command: command, reason: SafetyGuard.missingMarkerReason(SchemaName.bound(to: connection)))
                }
            }
        }
        return DestructiveAuthorization(command: command)
    }

    /// Why a database without an environment marker in `schema` is refused, and what to do.
    static func missingMarkerReason(_ schema: SchemaName) -> String {
        let option = schema.isDefault ? "" : " --schema \(schema)"
        return """
            is destructive and this database has the schemas \(schema.data) and \(schema.bookkeeping) but no recorded \
            environment (the \(schema.bookkeeping).environment row is gone), so it counts as PROD; nothing was changed. \
            If it is not production, record that with 'stripe-oltp migrate mark-environment DEV|TEST|PROD\(option)'
            """
    }
}
