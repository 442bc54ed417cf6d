/// How one resource maps to its table: typed columns and child tables.
///
/// Every resource table also has `id`, `raw`, `content_hash`, `deleted`, `is_placeholder`,
/// `is_embedded` and `ingested_at`, which the loader fills itself.
public struct ResourceSpec: Sendable {
    /// The resource.
    public let resource: Resource
    /// Stripe's `object` value (`customer`): by default the table name without its plural `s`.
    public let objectName: String
    /// Stripe's list endpoint (`/v1/payment_methods`): by default `/v1/` and the table name.
    public let listPath: String
    /// Parameters every listing sends: subscriptions are listed with `status=all`, since Stripe
    /// leaves canceled ones out otherwise.
    public let listParameters: [(name: String, value: String)]
    /// True when a `….deleted` event means Stripe deleted the object; false where it reports a
    /// state the object stays in (`customer.subscription.deleted` is a canceled subscription).
    public let deletionEventsDelete: Bool
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
    /// Columns of other resources that this resource's rows fill where their own objects leave
    /// them empty (invoice payments fill `invoices.payment_intent_id`).
    public let fills: [ColumnFill]
    /// Dump folders made before this resource was fetched lack its file: ingest then reports it
    /// missing and check counts it as empty, instead of refusing the folder.
    public let dumpFileOptional: Bool
    /// False for a resource Stripe has no list endpoint for (discounts): fetch lists nothing for
    /// it and ingest fills its table from the objects that embed it (`embeddedIn`) and from events.
    public let hasListEndpoint: Bool
    /// Where this resource's objects sit inside objects of other resources, beyond the references
    /// the catalog declares (a customer's `discount`, a charge's `refunds` of older API versions,
    /// a dispute's `balance_transactions`): every transform of a host object harvests them from
    /// there, and fetch lists a host with `expand[]` where Stripe sends ids unless asked.
    public let embeddedIn: [EmbeddedLocation]
    /// The timestamp column that dates a row (`created`), which `status` reports the newest of;
    /// nil for a resource whose objects carry no date of their own (discounts).
    public let datingColumn: String?

    /// Creates a spec.
    public init(resource: Resource, objectName: String? = nil, listPath: String? = nil,
                listParameters: [(name: String, value: String)] = [], deletionEventsDelete: Bool = true,
                columns: [Column], children: [ChildTableSpec] = [],
                olderObjectNames: [String] = [], deletedStatus: String? = nil, listOmitsDeleted: Bool = false,
                fills: [ColumnFill] = [], dumpFileOptional: Bool = false,
                hasListEndpoint: Bool = true, datingColumn: String? = "created", embeddedIn: [EmbeddedLocation] = []) {
        self.resource = resource
        self.objectName = objectName ?? String(resource.tableName.dropLast(resource.tableName.hasSuffix("s") ? 1 : 0))
        self.listPath = listPath ?? "/v1/\(resource.tableName)"
        self.listParameters = listParameters
        self.deletionEventsDelete = deletionEventsDelete
        self.columns = columns
        self.children = children
        self.olderObjectNames = olderObjectNames
        self.deletedStatus = deletedStatus
        self.listOmitsDeleted = listOmitsDeleted
        self.fills = fills
        self.dumpFileOptional = dumpFileOptional
        self.hasListEndpoint = hasListEndpoint
        self.datingColumn = datingColumn
        self.embeddedIn = embeddedIn
    }

    /// Every column the loader writes for a live object, in COPY order.
    public var copyColumns: [String] {
        ["id"] + columns.map(\.name) + ["raw", "content_hash", "deleted"]
    }

    /// True when `name` is an `object` value this table takes.
    public func accepts(objectName name: String) -> Bool {
        name == objectName || olderObjectNames.contains(name)
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

    /// Every place objects of other resources sit embedded in `host`'s objects, with their resource.
    public static func embedded(in host: Resource) -> [(resource: Resource, location: EmbeddedLocation)] {
        embeddedByHost[host] ?? []
    }

    private static let embeddedByHost: [Resource: [(resource: Resource, location: EmbeddedLocation)]] = {
        var byHost: [Resource: [(resource: Resource, location: EmbeddedLocation)]] = [:]
        for resource in Resource.allCases {
            for location in of(resource).embeddedIn {
                byHost[location.host, default: []].append((resource: resource, location: location))
            }
        }
        return byHost
    }()

    /// The resources of `resources` Stripe has a list endpoint for, in the same order: the ones
    /// fetch lists (and `fetch --dry-run` previews); the others arrive only inside other objects.
    public static func listed(_ resources: [Resource]) -> [Resource] {
        resources.filter { of($0).hasListEndpoint }
    }

    /// The `expand[]` values fetch sends when listing `host`, so embedded objects come whole.
    public static func listExpansions(of host: Resource) -> [String] {
        embedded(in: host).compactMap(\.location.expandParameter)
    }
}
