/// A child table filled from a list inside its parent (subscription items, invoice lines).
public struct ChildTableSpec: Sendable {
    /// The table name in schema `stripe`.
    public let tableName: String
    /// The column holding the parent's id.
    public let parentColumn: String
    /// Where the list of child objects is in the parent (`items.data`).
    public let listPath: JSONPath
    /// The typed columns besides parent id, `id` and `position`. The child's full JSON stays in
    /// the parent's `raw` (at `listPath` and `position`), so it is not stored twice.
    public let columns: [Column]
    /// True when the child's `id` is unique on its own (else unique within the parent).
    public let idIsGloballyUnique: Bool

    /// Creates a child table spec.
    public init(tableName: String, parentColumn: String, listPath: JSONPath, idIsGloballyUnique: Bool, columns: [Column]) {
        self.tableName = tableName
        self.parentColumn = parentColumn
        self.listPath = listPath
        self.columns = columns
        self.idIsGloballyUnique = idIsGloballyUnique
    }

    /// The qualified table name.
    public var table: String { "stripe.\(tableName)" }

    /// Every column the loader writes, in COPY order.
    public var copyColumns: [String] {
        [parentColumn, "id", "position"] + columns.map(\.name)
    }
}
