import Foundation
import Postgres
import StripeJSON

/// Applies versioned SQL files in order, records each with its checksum in
/// `stripe_oltp.schema_migrations`, and refuses a ledger that no longer matches the files.
///
/// Every run holds a session advisory lock, so two migrators never apply the same file.
public final class Migrator {
    /// The advisory lock key every migrator takes.
    public static let lockKey: Int64 = 0x5354_524F_4C54_5001

    private let connection: PGConnection
    private let migrations: MigrationSet
    private let environment: DeploymentEnvironment

    /// Creates a migrator for `migrations` on `connection`; `environment` is recorded in the
    /// database the first time it is migrated.
    public init(connection: PGConnection, migrations: MigrationSet, environment: DeploymentEnvironment) {
        self.connection = connection
        self.migrations = migrations
        self.environment = environment
    }

    /// The state of every version known to the files or the ledger, in version order.
    public func status() throws -> [MigrationState] {
        Migrator.states(files: migrations.files, applied: try appliedMigrations())
    }

    /// Throws, naming the file, when the ledger and files disagree or files are pending.
    public func verify() throws {
        let states = try status()
        if let problem = states.first(where: \.isProblem) {
            throw Migrator.error(for: problem, files: migrations)
        }
        let pending = states.filter { $0.kind == .pending }
        if let first = pending.first {
            throw LoaderError.migration(
                file: migrations.file(version: first.version)?.fileName ?? "\(first.version)",
                reason: "is pending (\(pending.count) pending in all); run 'stripe-oltp migrate up'")
        }
    }

    /// Applies every pending file in version order, each with its ledger row in one transaction
    /// (unless the file opts out). Returns the files applied; `log` receives one line per file.
    ///
    /// Under PROD (this migrator's environment, or the database's own record, a missing record
    /// counting as PROD) a pending file that drops or truncates a stripe table, schema or column
    /// (see `DestructiveSQL`) is refused, and nothing is applied, unless `allowDestructive`.
    @discardableResult
    public func up(allowDestructive: Bool = false, log: (String) -> Void = { _ in }) throws -> [MigrationFile] {
        try connection.withAdvisoryLock(Migrator.lockKey) {
            try bootstrap()
            let states = Migrator.states(files: migrations.files, applied: try appliedMigrations())
            if let problem = states.first(where: \.isProblem) {
                throw Migrator.error(for: problem, files: migrations)
            }
            let pending = states.filter { $0.kind == .pending }.compactMap { migrations.file(version: $0.version) }
            let marker = try EnvironmentMarker.read(connection)
            if marker == .missing {
                let schema = SchemaName.bound(to: connection)
                log("note: this database records no environment (\(schema.bookkeeping).environment is empty), so it counts as PROD "
                    + "until 'stripe-oltp migrate mark-environment DEV|TEST|PROD\(schema.isDefault ? "" : " --schema \(schema)")' records one")
            }
            if !allowDestructive && (environment == .prod || marker.countsAsProd) {
                try refuseDestructive(pending, marker: marker)
            }
            var applied: [MigrationFile] = []
            for file in pending {
                try apply(file)
                log("applied \(file.fileName)")
                applied.append(file)
            }
            return applied
        }
    }

    /// Throws, naming every pending file that destroys data and its statements.
    private func refuseDestructive(_ pending: [MigrationFile], marker: EnvironmentMarker) throws {
        let destructive = pending.compactMap { file -> String? in
            let findings = DestructiveSQL.findings(in: file.sql)
            return findings.isEmpty ? nil : "\(file.fileName) (\(findings.joined(separator: "; ")))"
        }
        guard !destructive.isEmpty else { return }
        let why = environment == .prod ? "ENV=PROD"
            : marker == .missing ? "this database records no environment (it counts as PROD)"
            : marker == .productionDatabase ? "this database's default schema stripe counts as PROD" : "this database is recorded as PROD"
        throw LoaderError.refused(
            command: "migrate up",
            reason: "because \(destructive.joined(separator: ", ")) would drop or truncate data and \(why); "
                + "nothing was applied; review the migration, then rerun with --allow-destructive to apply it")
    }

    /// Drops the data schema and the ledger (of the schema the connection works in), then
    /// applies every file again.
    /// Requires an authorization from `SafetyGuard`, which refuses it in production.
    @discardableResult
    public func reset(authorization: DestructiveAuthorization, log: (String) -> Void = { _ in }) throws -> [MigrationFile] {
        precondition(authorization.command == "migrate reset", "authorization is for \(authorization.command)")
        try connection.withAdvisoryLock(Migrator.lockKey) {
            try connection.execute(script: "DROP SCHEMA IF EXISTS stripe CASCADE; DROP SCHEMA IF EXISTS stripe_oltp CASCADE;")
        }
        let schema = SchemaName.bound(to: connection)
        log("dropped schemas \(schema.data) and \(schema.bookkeeping)")
        return try up(log: log)
    }

    /// Writes `NNNN_name.sql` with the next version into `directory` and returns its URL; `set`
    /// must come from a folder.
    public static func newFile(named name: String, in set: MigrationSet) throws -> URL {
        guard let directory = set.directory else { preconditionFailure("migrate new needs a migrations folder") }
        let fileName = MigrationFile.fileName(version: set.nextVersion, name: name)
        guard MigrationFile.parseName(fileName) != nil else {
            throw LoaderError.usage("migration name '\(name)' must be snake_case: lower-case letters, digits and underscores")
        }
        let url = directory.appendingPathComponent(fileName)
        let template = "-- \(name.replacingOccurrences(of: "_", with: " "))\n-- Forward-only: write the change; there is no down migration.\n\n"
        guard FileManager.default.createFile(atPath: url.path, contents: Data(template.utf8)) else {
            throw LoaderError.migration(file: fileName, reason: "could not be created in \(directory.path)")
        }
        return url
    }

    // MARK: - Ledger

    /// Creates the ledger and the environment marker; records this migrator's environment only
    /// in a database that holds nothing yet (no `stripe` schema, an empty ledger), so a deleted
    /// marker is never silently replaced by whatever `ENV` says today.
    private func bootstrap() throws {
        try connection.transaction {
            try connection.execute(script: """
                CREATE SCHEMA IF NOT EXISTS stripe_oltp;
                CREATE TABLE IF NOT EXISTS stripe_oltp.schema_migrations (
                    version     bigint PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now(),
                    duration_ms bigint NOT NULL
                );
                """ + EnvironmentMarker.tableDDL)
            try connection.query("""
                INSERT INTO stripe_oltp.environment (env)
                SELECT $1::text
                WHERE to_regnamespace('stripe') IS NULL AND NOT EXISTS (SELECT 1 FROM stripe_oltp.schema_migrations)
                ON CONFLICT (singleton) DO NOTHING
                """, [environment.rawValue])
        }
    }

    private func appliedMigrations() throws -> [AppliedMigration] {
        let exists = try connection.query("SELECT to_regclass('stripe_oltp.schema_migrations') IS NOT NULL")
            .scalar(Bool.self) ?? false
        guard exists else { return [] }
        return try connection.query("""
            SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS applied_at,
                   duration_ms
            FROM stripe_oltp.schema_migrations ORDER BY version
            """).rows.map { row in
            AppliedMigration(
                version: try row.require("version"), name: try row.require("name"),
                checksum: try row.require("checksum"), appliedAt: try row.require("applied_at"),
                durationMilliseconds: try row.require("duration_ms"))
        }
    }

    private func apply(_ file: MigrationFile) throws {
        let started = Date()
        func record() throws {
            let duration = Int(Date().timeIntervalSince(started) * 1000)
            try connection.query(
                "INSERT INTO stripe_oltp.schema_migrations (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)",
                [file.version, file.name, file.checksum, duration])
        }
        do {
            if file.transactional {
                try connection.transaction {
                    try connection.execute(script: file.sql)
                    try record()
                }
            } else {
                try connection.execute(script: file.sql)
                try record()
            }
        } catch let error as PGError {
            throw LoaderError.migration(file: file.fileName, reason: "failed and was rolled back: \(error)")
        }
    }

    // MARK: - States

    /// Compares files with ledger rows; pure, so it can be tested without a database.
    public static func states(files: [MigrationFile], applied: [AppliedMigration]) -> [MigrationState] {
        let highestApplied = applied.map(\.version).max() ?? 0
        var states: [MigrationState] = []
        let appliedByVersion = Dictionary(applied.map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
        for file in files {
            if let row = appliedByVersion[file.version] {
                let kind: MigrationState.Kind = row.checksum == file.checksum ? .applied : .changed
                states.append(MigrationState(
                    version: file.version, name: file.name, kind: kind, checksum: file.checksum, appliedAt: row.appliedAt))
            } else {
                let kind: MigrationState.Kind = file.version < highestApplied ? .outOfOrder : .pending
                states.append(MigrationState(
                    version: file.version, name: file.name, kind: kind, checksum: file.checksum, appliedAt: nil))
            }
        }
        let fileVersions = Set(files.map(\.version))
        for row in applied where !fileVersions.contains(row.version) {
            states.append(MigrationState(
                version: row.version, name: row.name, kind: .missing, checksum: row.checksum, appliedAt: row.appliedAt))
        }
        return states.sorted { $0.version < $1.version }
    }

    private static func error(for state: MigrationState, files: MigrationSet) -> LoaderError {
        let fileName = files.file(version: state.version)?.fileName
            ?? MigrationFile.fileName(version: state.version, name: state.name)
        switch state.kind {
        case .changed:
            return .migration(file: fileName, reason: "was edited after it was applied (checksum differs from the ledger); add a new migration instead")
        case .missing:
            return .migration(file: fileName, reason: "is recorded as applied but no such file exists in \(files.origin)")
        case .outOfOrder:
            return .migration(file: fileName, reason: "is pending but older than the highest applied version; renumber it after the applied ones")
        case .applied, .pending:
            return .migration(file: fileName, reason: "is \(state.kind.rawValue)")
        }
    }
}
