import Postgres

/// Checks the `livemode` of everything one load writes against the mode its schema records
/// (`SchemaMode`). With no mode recorded, the rows the schema already holds set it (a schema
/// loaded before migration 0015), else the first object seen sets it for the rest of the
/// load, and `recordIfNew` writes it inside the load's transaction (a rolled-back load records
/// nothing). Objects without a `livemode` (balance transactions, deletion markers) pass.
final class LivemodeGuard {
    /// The schema loaded into, for messages.
    let schema: String
    /// The mode checked against: the recorded one, else the first object's.
    private(set) var mode: SchemaMode?
    /// True when `mode` came from the database.
    private let recorded: Bool
    /// False for a schema migrated before the mode table existed: a new mode is not recorded.
    private let recordable: Bool

    /// Reads the schema's mode on `connection`.
    init(connection: PGConnection) throws {
        schema = SchemaName.bound(to: connection).data
        let recordedMode = try SchemaMode.read(connection)
        recorded = recordedMode != nil
        mode = try recordedMode ?? SchemaMode.heldByRows(connection)
        recordable = try SchemaMode.isAvailable(connection)
    }

    /// Throws `LivemodeMismatchError` naming `subject` when `livemode` is not the load's mode;
    /// the first call of a load into a schema without a mode sets it (`source` records by what).
    func check(_ livemode: Bool, subject: @autoclosure () -> String, source: @autoclosure () -> String) throws {
        guard let mode else {
            self.mode = SchemaMode(livemode: livemode, recordedBy: source())
            return
        }
        if mode.livemode != livemode {
            throw LivemodeMismatchError(schema: schema, schemaMode: mode, livemode: livemode, subject: subject())
        }
    }

    /// Writes the mode the load set, when the schema recorded none before.
    func recordIfNew(_ connection: PGConnection) throws {
        guard !recorded, recordable, let mode else { return }
        try SchemaMode.record(mode, connection: connection)
    }
}
