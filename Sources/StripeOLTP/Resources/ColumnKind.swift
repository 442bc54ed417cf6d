/// How a column's value is read from JSON and written as PostgreSQL text.
public enum ColumnKind: Sendable {
    /// A JSON string (`text`); `allowed`, when set, lists the values the column's CHECK accepts.
    case text(allowed: Set<String>? = nil)
    /// A JSON integer (`bigint` or `integer`).
    case integer
    /// A JSON number or numeric string (`numeric`).
    case numeric
    /// A JSON boolean.
    case boolean
    /// Unix seconds (`timestamptz`).
    case timestamp
    /// Any JSON value, stored as `jsonb`.
    case json
    /// A reference to another object: a string id or an expanded object with an `id`.
    /// With a resource, the column is a foreign key and a missing target gets a placeholder row.
    case reference(Resource?)
}
