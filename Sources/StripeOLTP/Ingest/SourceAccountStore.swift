import Postgres
import StripeJSON

/// The Stripe account a database was loaded from (`stripe_oltp.source_account`): recorded by
/// the first ingest of a dump whose manifest names an account, and checked by every later one.
public enum SourceAccountStore {
    /// The recorded account, or nil when none is (or migration 0006 is not applied).
    public static func load(connection: PGConnection) throws -> FetchAccount? {
        let exists = try connection.query("SELECT to_regclass('stripe_oltp.source_account') IS NOT NULL").scalar(Bool.self) ?? false
        guard exists else { return nil }
        guard let row = try connection.query("SELECT account_id, livemode, api_base FROM stripe_oltp.source_account").rows.first else {
            return nil
        }
        return FetchAccount(id: try row.require("account_id", as: String.self),
                            livemode: try row.require("livemode", as: Bool.self),
                            apiBase: try row.require("api_base", as: String.self))
    }

    /// Throws ``AccountMismatchError`` when the database holds another account (id or mode) than
    /// `account`, the account of the dump folder `directory`, and a configuration error when the
    /// database cannot record accounts yet (migration 0006 not applied): before anything is loaded.
    public static func verify(_ account: FetchAccount, directory: String, connection: PGConnection) throws {
        let exists = try connection.query("SELECT to_regclass('stripe_oltp.source_account') IS NOT NULL").scalar(Bool.self) ?? false
        guard exists else {
            throw LoaderError.configuration(
                "\(directory) is a fetch dump of account \(account.id), but the database cannot record its account and cursors yet; run 'stripe-oltp migrate up' first")
        }
        guard let recorded = try load(connection: connection) else { return }
        guard recorded.id == account.id && recorded.livemode == account.livemode else {
            throw AccountMismatchError(recorded: recorded, current: account, place: .ingest(directory: directory))
        }
    }

    /// Records `account` as the database's when none is recorded yet; returns true when it did.
    @discardableResult
    public static func recordIfNone(_ account: FetchAccount, runID: Int64?, connection: PGConnection) throws -> Bool {
        let exists = try connection.query("SELECT to_regclass('stripe_oltp.source_account') IS NOT NULL").scalar(Bool.self) ?? false
        guard exists else {
            let schema = SchemaName.bound(to: connection)
            throw LoaderError.configuration(
                "the database has no \(schema.bookkeeping).source_account table; run '\(schema.migrateUpCommand)' first")
        }
        let inserted = try connection.query("""
            INSERT INTO stripe_oltp.source_account (account_id, livemode, api_base, ingest_run_id)
            VALUES ($1, $2, $3, $4) ON CONFLICT (singleton) DO NOTHING RETURNING account_id
            """, [account.id, account.livemode, account.apiBase, runID])
        return !inserted.rows.isEmpty
    }
}
