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
    /// Columns of other resources that this resource's rows fill where their own objects leave
    /// them empty (invoice payments fill `invoices.payment_intent_id`).
    public let fills: [ColumnFill]
    /// Dump folders made before this resource was fetched lack its file: ingest then reports it
    /// missing and check leaves it out, instead of refusing the folder.
    public let dumpFileOptional: Bool

    /// Creates a spec.
    public init(resource: Resource, columns: [Column], children: [ChildTableSpec] = [], fills: [ColumnFill] = [],
                dumpFileOptional: Bool = false) {
        self.resource = resource
        self.columns = columns
        self.children = children
        self.fills = fills
        self.dumpFileOptional = dumpFileOptional
    }

    /// Every column the loader writes for a live object, in COPY order.
    public var copyColumns: [String] {
        ["id"] + columns.map(\.name) + ["raw", "content_hash", "deleted"]
    }

    /// The spec of `resource`.
    public static func of(_ resource: Resource) -> ResourceSpec {
        ResourceCatalog.spec(resource)
    }

    /// Every fill of a column of `target`, with the resource that declares it.
    public static func fills(into target: Resource) -> [(source: Resource, fill: ColumnFill)] {
        Resource.allCases.flatMap { source in
            of(source).fills.filter { $0.target == target }.map { (source: source, fill: $0) }
        }
    }
}
