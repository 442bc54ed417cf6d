import Postgres

/// The schema a database's Stripe data loads into (`--schema`, `STRIPE_SCHEMA`): data in the
/// schema itself, bookkeeping (migration ledger, runs, cursors, rejects, events bookkeeping,
/// telemetry, the environment and mode markers) in `NAME_oltp`. The default, `stripe`, keeps
/// the names `stripe` and `stripe_oltp` every statement and migration is written with; another
/// name is applied by binding a connection to it (`bind(_:)`), which rewrites those names in
/// every statement the connection sends (`SchemaRewriter`), so each copy is migrated, ledgered,
/// loaded and checked on its own.
public struct SchemaName: Sendable, Hashable, CustomStringConvertible {
    /// The schema the project is written for.
    public static let `default` = SchemaName(validated: "stripe")

    /// The longest name accepted (PostgreSQL keeps 63 bytes, and `_oltp` is appended).
    public static let maxLength = 50

    /// The data schema (`stripe_test`).
    public let data: String

    /// The bookkeeping schema (`stripe_test_oltp`).
    public var bookkeeping: String { "\(data)_oltp" }

    /// True for `stripe`, whose statements go out unchanged.
    public var isDefault: Bool { data == SchemaName.default.data }

    /// The data schema's name.
    public var description: String { data }

    /// The command that migrates this schema, for messages (`stripe-oltp migrate up --schema stripe_test`).
    public var migrateUpCommand: String {
        "stripe-oltp migrate up" + (isDefault ? "" : " --schema \(data)")
    }

    /// Validates `name`: lowercase letters, digits and underscores, starting with a letter, at
    /// most `maxLength` characters, and none of the names PostgreSQL or the project reserve.
    public init(_ name: String) throws {
        if let reason = SchemaName.problem(with: name) { throw SchemaNameError(name: name, reason: reason) }
        data = name
    }

    private init(validated name: String) {
        data = name
    }

    /// Why `name` cannot name a data schema, or nil when it can.
    public static func problem(with name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "is empty" }
        guard name.count <= maxLength else { return "is longer than \(maxLength) characters" }
        guard ("a"..."z").contains(first) else { return "must start with a lowercase letter" }
        guard name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            return "may hold only lowercase letters, digits and underscores"
        }
        if name.hasPrefix("pg_") || ["public", "information_schema"].contains(name) { return "is a schema PostgreSQL reserves" }
        if name.hasSuffix("_oltp") { return "ends in _oltp, the suffix of bookkeeping schemas" }
        return nil
    }

    /// The advisory lock key for `base` in this schema: `base` itself for `stripe`, else a key
    /// of its own (from `base` and the name, FNV-1a), so runs in different schemas do not wait
    /// for each other.
    public func advisoryLockKey(_ base: Int64) -> Int64 {
        guard !isDefault else { return base }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return base ^ Int64(bitPattern: hash)
    }

    /// `sql` as a connection bound to this schema sends it (see `SchemaRewriter`).
    public func rewrite(_ sql: String) -> String {
        isDefault ? sql : SchemaRewriter(schema: self).rewrite(sql)
    }

    /// Opens a connection to `url` bound to this schema: the one way the loader's commands and
    /// servers connect, so no connection works in `stripe` by mistake.
    public func connect(_ url: String) throws -> PGConnection {
        let connection = try PGConnection(url: url)
        bind(connection)
        return connection
    }

    /// Makes `connection` send every statement for this schema (nothing changes for `stripe`).
    public func bind(_ connection: PGConnection) {
        connection.statementRewriter = isDefault ? nil : SchemaRewriter(schema: self)
    }

    /// Runs `body` with `connection` sending its statements unchanged (to `stripe` and
    /// `stripe_oltp`, the database's default schema), then binds it back as it was.
    static func unbound<T>(_ connection: PGConnection, _ body: () throws -> T) rethrows -> T {
        let rewriter = connection.statementRewriter
        connection.statementRewriter = nil
        defer { connection.statementRewriter = rewriter }
        return try body()
    }

    /// The schema `connection` is bound to (`stripe` when unbound).
    public static func bound(to connection: PGConnection) -> SchemaName {
        (connection.statementRewriter as? SchemaRewriter)?.schema ?? .default
    }
}
