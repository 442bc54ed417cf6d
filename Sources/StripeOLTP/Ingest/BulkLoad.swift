import Postgres

/// The initial-load path: when every table of schema `stripe` is empty at the start of a run,
/// the run drops the schema's secondary indexes and foreign keys inside its transaction, loads,
/// then builds the indexes in bulk and adds the foreign keys back, each validated by one
/// set-based query instead of a trigger per row. Partial indexes (`… WHERE is_placeholder`)
/// stay: a row outside the predicate costs them one test while loading, whereas rebuilding one
/// would scan its whole table to find the few rows in it. The definitions are read from the catalog, so
/// they come back exactly as the migrations made them; a run that fails rolls all of it back.
///
/// It is used only for a first load: the DDL locks the tables until the run commits, which
/// nobody notices while they are empty. Its statements wait at most the lock timeout for those
/// locks (a session reading the empty tables would otherwise make the run, and every reader
/// queued behind it, wait); past it the run loads the usual way.
struct BulkLoad {
    private let indexes: [String]
    private let constraints: [(table: String, name: String, definition: String)]

    /// Drops the secondary indexes and foreign keys when every table is empty; nil otherwise.
    /// Waits at most `lockTimeout` seconds for each lock; call it under a savepoint, so that a
    /// timeout (or a role that may not alter the tables) rolls it back.
    static func begin(_ connection: PGConnection, lockTimeout: Double) throws -> BulkLoad? {
        // SET LOCAL lasts to the end of the run's transaction; it is set back below.
        try connection.query("SET LOCAL lock_timeout = '\(max(1, Int((lockTimeout * 1000).rounded())))ms'")
        let bulk = try beginLocked(connection)
        try connection.query("SET LOCAL lock_timeout = DEFAULT")
        return bulk
    }

    /// What to tell of a `begin` that failed.
    static func skipReason(_ error: any Error, lockTimeout: Double) -> String {
        if let error = error as? PGError, error.sqlState == "55P03" {
            return "another session holds a lock on a stripe table (waited \(lockTimeout) s, the lock timeout); "
                + "loaded the usual way instead of the first-load fast path"
        }
        return "the first-load fast path could not be used (\(error)); loaded the usual way"
    }

    private static func beginLocked(_ connection: PGConnection) throws -> BulkLoad? {
        let tables = try connection.query("""
            SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'stripe' AND c.relkind = 'r'
            """).rows.compactMap { $0["name"] }
        guard !tables.isEmpty else { return nil }
        let emptiness = tables.map { "NOT EXISTS (SELECT 1 FROM \($0))" }.joined(separator: " AND ")
        guard try connection.query("SELECT \(emptiness)").scalar(Bool.self) == true else { return nil }

        let constraints = try connection.query("""
            SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
            FROM pg_constraint WHERE contype = 'f' AND connamespace = 'stripe'::regnamespace ORDER BY conrelid::regclass::text, conname
            """).rows.map { (table: $0["tbl"]!, name: $0["name"]!, definition: $0["definition"]!) }
        let indexes = try connection.query("""
            SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE c.relnamespace = 'stripe'::regnamespace AND NOT i.indisprimary AND NOT i.indisunique
              AND i.indpred IS NULL AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY 1
            """).rows.map { (name: $0["name"]!, definition: $0["definition"]!) }
        var script = constraints.map { "ALTER TABLE \($0.table) DROP CONSTRAINT \($0.name);" }
        script += indexes.map { "DROP INDEX \($0.name);" }
        if !script.isEmpty { try connection.execute(script: script.joined(separator: "\n")) }
        return BulkLoad(indexes: indexes.map(\.definition), constraints: constraints)
    }

    /// Builds the indexes and adds the foreign keys back, validating every row.
    func finish(_ connection: PGConnection) throws {
        var script = indexes.map { $0 + ";" }
        script += constraints.map { "ALTER TABLE \($0.table) ADD CONSTRAINT \($0.name) \($0.definition);" }
        if !script.isEmpty { try connection.execute(script: script.joined(separator: "\n")) }
    }
}
