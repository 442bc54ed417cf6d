import Postgres
import StripeJSON
import StripeSchema

/// The mode of the Stripe data a schema holds (`stripe_oltp.schema_mode`, migration 0015):
/// test mode or live mode. The first load that meets an object's `livemode` records it (or
/// `migrate mark-mode` sets it); loads of the other mode are refused from then on.
public struct SchemaMode: Sendable, Equatable {
    /// True for live-mode data.
    public var livemode: Bool
    /// What recorded it (`ingest run 12`, `migrate mark-mode`, `event evt_…`, `fetch`).
    public var recordedBy: String

    /// Creates a mode record.
    public init(livemode: Bool, recordedBy: String) {
        self.livemode = livemode
        self.recordedBy = recordedBy
    }

    /// `test` or `live`.
    public static func name(livemode: Bool) -> String {
        livemode ? "live" : "test"
    }

    /// The mode the schema of `connection` records, or nil when none is recorded (or the
    /// schema predates migration 0015).
    public static func read(_ connection: PGConnection) throws -> SchemaMode? {
        guard try isAvailable(connection),
              let row = try connection.query("SELECT livemode, recorded_by FROM stripe_oltp.schema_mode").rows.first
        else { return nil }
        return SchemaMode(livemode: try row.require("livemode", as: Bool.self), recordedBy: try row.require("recorded_by", as: String.self))
    }

    /// The mode of the rows the schema of `connection` already holds (a schema loaded before
    /// migration 0015 records none): the `livemode` of the first row found with one, or nil
    /// when no table has such a row. Loads and `mark-mode` treat it as recorded.
    public static func heldByRows(_ connection: PGConnection) throws -> SchemaMode? {
        let selects = Resource.allCases.filter { resource in ResourceSpec.of(resource).columns.contains { $0.name == "livemode" } }
            .map { "(SELECT livemode FROM \($0.table) WHERE livemode IS NOT NULL LIMIT 1)" }
        guard !selects.isEmpty,
              let livemode = try connection.query(selects.joined(separator: " UNION ALL ") + " LIMIT 1").scalar(Bool.self)
        else { return nil }
        return SchemaMode(livemode: livemode, recordedBy: "the rows the schema already holds")
    }

    /// Throws `LivemodeMismatchError` when the schema of `connection` records the other mode
    /// than an API key's (`isLiveKey`: `sk_live_…`, `rk_live_…`), before anything is fetched.
    public static func verifyKey(isLiveKey: Bool, connection: PGConnection) throws {
        guard let mode = try read(connection), mode.livemode != isLiveKey else { return }
        throw LivemodeMismatchError(
            schema: SchemaName.bound(to: connection).data, schemaMode: mode, livemode: isLiveKey,
            subject: "STRIPE_SECRET_KEY (a \(name(livemode: isLiveKey))-mode key)")
    }

    /// True when the schema of `connection` has the table (migration 0015 applied).
    public static func isAvailable(_ connection: PGConnection) throws -> Bool {
        try connection.query("SELECT to_regclass('stripe_oltp.schema_mode') IS NOT NULL").scalar(Bool.self) == true
    }

    /// Records `mode` when the schema records none yet (an existing record is kept); with
    /// `replacing`, replaces any record. Throws when the table is missing (not migrated).
    public static func record(_ mode: SchemaMode, replacing: Bool = false, connection: PGConnection) throws {
        guard try isAvailable(connection) else {
            throw LoaderError.configuration(
                "schema \(SchemaName.bound(to: connection)) has no schema_mode table; run 'stripe-oltp migrate up' first")
        }
        try connection.query("""
            INSERT INTO stripe_oltp.schema_mode (livemode, recorded_by) VALUES ($1, $2)
            ON CONFLICT (singleton) DO \(replacing ? "UPDATE SET livemode = EXCLUDED.livemode, recorded_by = EXCLUDED.recorded_by, recorded_at = now()" : "NOTHING")
            """, [mode.livemode, mode.recordedBy])
    }
}
