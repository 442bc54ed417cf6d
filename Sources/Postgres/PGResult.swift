/// The outcome of a statement: its rows (copied out of libpq) and the affected-row count.
public struct PGResult: Sendable {
    /// The column names.
    public let columns: [String]
    /// The rows, in order.
    public let rows: [PGRow]
    /// The number of rows the command affected (`INSERT`, `UPDATE`, `DELETE`, `COPY`), or 0.
    public let affectedRows: Int

    /// Creates a result.
    public init(columns: [String], rows: [PGRow], affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
    }

    /// The first row, when there is one.
    public var first: PGRow? { rows.first }

    /// The first column of the first row decoded as `T`; `nil` when there is no row or it is NULL.
    public func scalar<T: PGDecodable>(_ type: T.Type = T.self) throws -> T? {
        guard let row = rows.first, let name = columns.first else { return nil }
        return try row.decode(name, as: T.self)
    }
}
