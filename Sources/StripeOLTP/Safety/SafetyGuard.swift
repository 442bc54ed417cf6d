import Postgres

/// The one guard every destructive or populating command passes first.
///
/// It refuses under `ENV=PROD` before touching anything, refuses when the database itself
/// was recorded as PROD when it was first migrated, whatever `ENV` says, and refuses to send
/// anything to Stripe with a live-mode key.
///
/// Every command of the CLI is classified here, as destructive or as safe; a test compares the
/// CLI's commands with these lists, so a new command cannot ship unclassified.
public struct SafetyGuard: Sendable {
    /// Every command that writes, drops, resets or populates beyond loading dumps.
    public static let destructiveCommands: [String] = ["migrate reset", "populate", "populate-force"]

    /// The command-line arguments that run each destructive command (`populate-force` is
    /// `populate --force`).
    public static let destructiveInvocations: [String: [String]] = [
        "migrate reset": ["migrate", "reset"],
        "populate": ["populate"],
        "populate-force": ["populate", "--force"],
    ]

    /// The commands that may run anywhere, production included, and why: they only read, only
    /// add (load dumps, apply forward-only migrations), or only write new local files.
    public static let safeCommands: [String: String] = [
        "migrate up": "applies pending forward-only migrations; never drops or rewrites data",
        "migrate status": "reads the migration ledger",
        "migrate verify": "reads the migration ledger",
        "migrate new": "writes a new, empty migration file in the migrations folder",
        "ingest": "loads dumps: inserts and updates rows, marks deletions; drops nothing",
        "check": "reads the dumps and the database",
        "fetch": "reads from Stripe with GET requests only and writes dump files into a local folder",
        "generate": "writes synthetic dump files into a local folder",
        "help": "prints usage",
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
