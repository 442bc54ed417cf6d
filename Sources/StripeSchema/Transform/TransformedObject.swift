/// The rows one Stripe object produces, as PostgreSQL text values ready for COPY.
public struct TransformedObject: Sendable, Equatable {
    /// The object's Stripe id.
    public let id: String
    /// True for a deletion marker (`{"id": …, "deleted": true}`): the row is marked deleted.
    public let isDeletion: Bool
    /// The typed column values, in the order of `ResourceSpec.columns` (empty for a deletion).
    public let values: [String?]
    /// For each child table of the spec, its rows in `ChildTableSpec.copyColumns` order.
    public let childRows: [[[String?]]]
    /// True for a full object whose state says Stripe deleted it (an invoice with status `deleted`).
    public let isDeleted: Bool
    /// Full objects found expanded at its references, for their own tables.
    public private(set) var embedded: [EmbeddedObject] = []

    /// Creates the rows of one object.
    public init(id: String, isDeletion: Bool, values: [String?], childRows: [[[String?]]], isDeleted: Bool = false) {
        self.id = id
        self.isDeletion = isDeletion
        self.values = values
        self.childRows = childRows
        self.isDeleted = isDeleted
    }

    /// This object with `embedded` as its harvested objects.
    func with(embedded objects: [EmbeddedObject]) -> TransformedObject {
        var copy = self
        copy.embedded = objects
        return copy
    }

    /// The value of the named column; traps on a name the spec does not have.
    public func value(_ column: String, in spec: ResourceSpec) -> String? {
        guard let index = spec.columns.firstIndex(where: { $0.name == column }) else {
            preconditionFailure("\(spec.resource.rawValue) has no column \(column)")
        }
        return values[index]
    }
}
