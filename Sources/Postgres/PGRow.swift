/// One row of a query result, with values in PostgreSQL's text form.
public struct PGRow: Sendable {
    /// The column names, in result order.
    public let columns: [String]
    /// The values, in result order; `nil` is SQL NULL.
    public let values: [String?]

    /// Creates a row from column names and values of the same count.
    public init(columns: [String], values: [String?]) {
        precondition(columns.count == values.count, "row has \(values.count) values for \(columns.count) columns")
        self.columns = columns
        self.values = values
    }

    /// The raw text of the named column; `nil` for SQL NULL. Traps on an unknown column name.
    public subscript(_ name: String) -> String? {
        guard let index = columns.firstIndex(of: name) else {
            preconditionFailure("no column \(name) in result (\(columns.joined(separator: ", ")))")
        }
        return values[index]
    }

    /// The named column decoded as `T`; `nil` for SQL NULL; throws when the text does not fit `T`.
    public func decode<T: PGDecodable>(_ name: String, as type: T.Type = T.self) throws -> T? {
        guard let text = self[name] else { return nil }
        guard let value = T(pgText: text) else {
            throw PGError(kind: .decoding, message: "column \(name) value \(text.prefix(60)) is not a \(T.self)")
        }
        return value
    }

    /// The named column decoded as `T`; throws when it is NULL or does not fit `T`.
    public func require<T: PGDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let value: T = try decode(name) else {
            throw PGError(kind: .decoding, message: "column \(name) is NULL, expected \(T.self)")
        }
        return value
    }
}
