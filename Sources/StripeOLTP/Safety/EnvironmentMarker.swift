import Postgres

/// The environment a database records about itself in `stripe_oltp.environment`, which the
/// migrator writes the first time it migrates an empty database.
///
/// A database that holds the loader's schemas but no marker row (someone deleted it) counts as
/// PROD until a person records the environment again with `migrate mark-environment`.
public enum EnvironmentMarker: Equatable, Sendable {
    /// Neither `stripe` nor `stripe_oltp` exists: nothing to protect yet.
    case empty
    /// The marker row names this environment.
    case recorded(DeploymentEnvironment)
    /// The schemas exist but the marker row (or its table) is gone, or names no known
    /// environment; treated as PROD.
    case missing
    /// A schema beside the default one (`--schema`) in a database whose default schema counts
    /// as PROD (recorded PROD, or its record missing): the database is production, and so is
    /// every schema in it, whatever the schema's own record says.
    case productionDatabase

    /// The table that holds the marker, created by the migrator and by `mark-environment`.
    public static let tableDDL = """
        CREATE SCHEMA IF NOT EXISTS stripe_oltp;
        CREATE TABLE IF NOT EXISTS stripe_oltp.environment (
            singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            env         text NOT NULL CHECK (env IN ('DEV', 'TEST', 'PROD')),
            recorded_at timestamptz NOT NULL DEFAULT now()
        );
        """

    /// True when destructive commands must treat the database as production.
    public var countsAsProd: Bool {
        switch self {
        case .empty: return false
        case .recorded(let environment): return environment == .prod
        case .missing, .productionDatabase: return true
        }
    }

    /// Reads the marker of the schema `connection` is bound to (a read only); for a schema
    /// other than `stripe`, a default schema that counts as PROD makes it `productionDatabase`.
    public static func read(_ connection: PGConnection) throws -> EnvironmentMarker {
        let own = try readOwn(connection)
        guard !SchemaName.bound(to: connection).isDefault, !own.countsAsProd else { return own }
        let database = try SchemaName.unbound(connection) { try readOwn(connection) }
        return database.countsAsProd ? .productionDatabase : own
    }

    /// The marker in the `stripe_oltp` the connection's statements name.
    private static func readOwn(_ connection: PGConnection) throws -> EnvironmentMarker {
        let row = try connection.query("""
            SELECT to_regnamespace('stripe') IS NOT NULL OR to_regnamespace('stripe_oltp') IS NOT NULL AS has_schema,
                   to_regclass('stripe_oltp.environment') IS NOT NULL AS has_table
            """).rows.first
        guard try row?.require("has_schema", as: Bool.self) == true else { return .empty }
        guard try row?.require("has_table", as: Bool.self) == true else { return .missing }
        let recorded = try connection.query("SELECT env FROM stripe_oltp.environment LIMIT 1").scalar(String.self)
        guard let recorded, let environment = DeploymentEnvironment(name: recorded) else { return .missing }
        return .recorded(environment)
    }

    /// Records `environment` as the database's own, replacing any earlier marker. Requires an
    /// authorization for `migrate mark-environment` from `SafetyGuard`, which refuses it under
    /// ENV=PROD and on a database recorded as PROD.
    public static func record(
        _ environment: DeploymentEnvironment, connection: PGConnection, authorization: DestructiveAuthorization
    ) throws {
        precondition(authorization.command == SafetyGuard.markEnvironmentCommand, "authorization is for \(authorization.command)")
        try connection.transaction {
            try connection.execute(script: tableDDL)
            try connection.query("""
                INSERT INTO stripe_oltp.environment (env) VALUES ($1)
                ON CONFLICT (singleton) DO UPDATE SET env = EXCLUDED.env, recorded_at = now()
                """, [environment.rawValue])
        }
    }
}
