/// How a column's value is read from JSON and written as PostgreSQL text.
public enum ColumnKind: Sendable {
    /// A JSON string (`text`). `documented`, when set, lists the values Stripe documents: any
    /// other string is still stored (Stripe adds values all the time), and `check` warns of it.
    case text(documented: Set<String>? = nil)
    /// A JSON integer: `bigint` (64 bits) or `integer` (32 bits); a value beyond the column's
    /// range rejects the object, naming the field.
    case integer(bits: Int = 64)
    /// A JSON number or numeric string (`numeric`).
    case numeric
    /// A JSON boolean.
    case boolean
    /// Unix seconds (`timestamptz`); a value beyond PostgreSQL's range rejects the object.
    case timestamp
    /// Any JSON value, stored as `jsonb`.
    case json
    /// A reference to another object: a string id or an expanded object with an `id`; an empty
    /// string is no reference. With a resource, the column is a foreign key, a missing target
    /// gets a placeholder row, and an expanded object fills the target's row when no dump has it.
    case reference(Resource?)

    /// The PostgreSQL type the migrations give a column of this kind.
    public var sqlType: String {
        switch self {
        case .text, .reference: return "text"
        case .integer(let bits): return bits == 32 ? "integer" : "bigint"
        case .numeric: return "numeric"
        case .boolean: return "boolean"
        case .timestamp: return "timestamp with time zone"
        case .json: return "jsonb"
        }
    }

    /// The values Stripe documents for a text column, if listed.
    public var documentedValues: Set<String>? {
        if case .text(let documented) = self { return documented }
        return nil
    }
}
