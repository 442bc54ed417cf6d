/// One typed column of a table and where its value comes from in the Stripe object.
public struct Column: Sendable {
    /// The column name in the table.
    public let name: String
    /// How the value is read and written.
    public let kind: ColumnKind
    /// Where to look, in order; the first path present and not null gives the value
    /// (several paths cover Stripe's older and newer API shapes).
    public let paths: [JSONPath]

    /// A column read from `paths` (tried in order).
    public init(_ name: String, _ kind: ColumnKind, _ paths: JSONPath...) {
        precondition(!paths.isEmpty, "column \(name) needs at least one path")
        self.name = name
        self.kind = kind
        self.paths = paths
    }

    /// The resource this column references with a foreign key, if any.
    public var referencedResource: Resource? {
        if case .reference(let resource) = kind { return resource }
        return nil
    }
}
