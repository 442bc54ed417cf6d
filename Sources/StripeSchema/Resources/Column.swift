/// One typed column of a table and where its value comes from in the Stripe object.
///
/// `paths` is the one alias mechanism for fields Stripe renamed or moved between API versions:
/// the current field first, then older names, newest first (`created`, then `date` for invoices
/// before 2019-03-14). The first path present and not null (and, for references, not an empty
/// string) gives the value. `synonyms` maps older spellings of a value to the column's one
/// vocabulary (an invoice line's `subscription_item_details` is stored as `subscription`).
public struct Column: Sendable {
    /// The column name in the table.
    public let name: String
    /// How the value is read and written.
    public let kind: ColumnKind
    /// Where to look, newest API shape first.
    public let paths: [JSONPath]
    /// Values rewritten to the column's vocabulary (`subscription_item_details` → `subscription`).
    public let synonyms: [String: String]
    /// For a column read from a polymorphic reference (a balance transaction's `source`): whether
    /// it holds the target's type, or the id of targets of one type only.
    public let polymorphic: PolymorphicReference?

    /// A column read from `paths` (tried in order, newest shape first).
    public init(_ name: String, _ kind: ColumnKind, _ paths: JSONPath..., synonyms: [String: String] = [:],
                polymorphic: PolymorphicReference? = nil) {
        precondition(!paths.isEmpty, "column \(name) needs at least one path")
        self.name = name
        self.kind = kind
        self.paths = paths
        self.synonyms = synonyms
        self.polymorphic = polymorphic
    }

    /// The resource this column references with a foreign key, if any.
    public var referencedResource: Resource? {
        if case .reference(let resource) = kind { return resource }
        return nil
    }
}
