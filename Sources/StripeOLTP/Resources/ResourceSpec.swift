/// How one resource maps to its table: typed columns and child tables.
///
/// Every resource table also has `id`, `raw`, `content_hash`, `deleted`, `is_placeholder`
/// and `ingested_at`, which the loader fills itself.
public struct ResourceSpec: Sendable {
    /// The resource.
    public let resource: Resource
    /// Typed columns filled from the object, in COPY order.
    public let columns: [Column]
    /// Child tables filled from lists inside the object.
    public let children: [ChildTableSpec]

    /// Creates a spec.
    public init(resource: Resource, columns: [Column], children: [ChildTableSpec] = []) {
        self.resource = resource
        self.columns = columns
        self.children = children
    }

    /// Every column the loader writes for a live object, in COPY order.
    public var copyColumns: [String] {
        ["id"] + columns.map(\.name) + ["raw", "content_hash", "deleted"]
    }

    /// The spec of `resource`.
    public static func of(_ resource: Resource) -> ResourceSpec {
        ResourceCatalog.spec(resource)
    }
}
