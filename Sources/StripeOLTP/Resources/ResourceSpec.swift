/// How one resource maps to its table: typed columns and child tables.
///
/// Every resource table also has `id`, `raw`, `content_hash`, `deleted`, `is_placeholder`,
/// `is_embedded` and `ingested_at`, which the loader fills itself.
public struct ResourceSpec: Sendable {
    /// The resource.
    public let resource: Resource
    /// Typed columns filled from the object, in COPY order.
    public let columns: [Column]
    /// Child tables filled from lists inside the object.
    public let children: [ChildTableSpec]
    /// Older `object` values whose objects load into this table (a `plan` is a price).
    public let olderObjectNames: [String]
    /// A `status` value by which Stripe says a full object is deleted (an invoice's `deleted`).
    public let deletedStatus: String?
    /// Stripe's list leaves deleted objects out (customers): an object referenced but absent
    /// from a complete listing is one Stripe deleted.
    public let listOmitsDeleted: Bool

    /// Creates a spec.
    public init(resource: Resource, columns: [Column], children: [ChildTableSpec] = [],
                olderObjectNames: [String] = [], deletedStatus: String? = nil, listOmitsDeleted: Bool = false) {
        self.resource = resource
        self.columns = columns
        self.children = children
        self.olderObjectNames = olderObjectNames
        self.deletedStatus = deletedStatus
        self.listOmitsDeleted = listOmitsDeleted
    }

    /// Every column the loader writes for a live object, in COPY order.
    public var copyColumns: [String] {
        ["id"] + columns.map(\.name) + ["raw", "content_hash", "deleted"]
    }

    /// True when `name` is an `object` value this table takes.
    public func accepts(objectName name: String) -> Bool {
        name == resource.objectName || olderObjectNames.contains(name)
    }

    /// The spec of `resource`.
    public static func of(_ resource: Resource) -> ResourceSpec {
        ResourceCatalog.spec(resource)
    }
}
