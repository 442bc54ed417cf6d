/// A child table filled from a list inside its parent (subscription items, invoice lines).
public struct ChildTableSpec: Sendable {
    /// The table name in schema `stripe`.
    public let tableName: String
    /// The column holding the parent's id.
    public let parentColumn: String
    /// Where the list of child objects is in the parent (`items.data`).
    public let listPath: JSONPath
    /// The typed columns besides parent id, `id` and `position`. The child's full JSON stays in
    /// the parent's `raw` (at `listPath` and `position`), so it is not stored twice.
    public let columns: [Column]
    /// True when the child's `id` is unique on its own (else unique within the parent).
    public let idIsGloballyUnique: Bool
    /// The endpoint listing every child of one parent, `{parent}` standing for the parent's id
    /// (`/v1/invoices/{parent}/lines`); fetch pages it when the embedded list says `has_more`.
    public let endpoint: String
    /// Parameters of `endpoint`, `{parent}` in a value standing for the parent's id
    /// (`subscription={parent}` for `/v1/subscription_items`).
    public let endpointParameters: [(name: String, value: String)]
    /// True when the parent carries the list only when asked to (`expand[]=line_items` of a
    /// checkout session): fetch then always pages `endpoint` and embeds the whole list in the
    /// parent, as `{"object": "list", "data": […], "has_more": false, "url": …}`.
    public let isIncludableOnly: Bool

    /// The token standing for the parent's id in `endpoint` and `endpointParameters`.
    public static let parentToken = "{parent}"

    /// Creates a child table spec.
    public init(tableName: String, parentColumn: String, listPath: JSONPath, idIsGloballyUnique: Bool,
                endpoint: String, endpointParameters: [(name: String, value: String)] = [],
                isIncludableOnly: Bool = false, columns: [Column]) {
        self.tableName = tableName
        self.isIncludableOnly = isIncludableOnly
        self.endpoint = endpoint
        self.endpointParameters = endpointParameters
        self.parentColumn = parentColumn
        self.listPath = listPath
        self.columns = columns
        self.idIsGloballyUnique = idIsGloballyUnique
    }

    /// The member of the parent holding the embedded list object (`lines` for `lines.data`).
    public var listKey: String {
        guard case .key(let key)? = listPath.steps.first else { preconditionFailure("child list path \(listPath) starts with an index") }
        return key
    }

    /// `endpoint` and its parameters for the parent `parentID`.
    public func endpoint(parent parentID: String) -> (path: String, parameters: [(name: String, value: String)]) {
        let path = endpoint.replacingOccurrences(of: Self.parentToken, with: parentID)
        let parameters = endpointParameters.map { (name: $0.name, value: $0.value.replacingOccurrences(of: Self.parentToken, with: parentID)) }
        return (path, parameters)
    }

    /// The qualified table name.
    public var table: String { "stripe.\(tableName)" }

    /// Every column the loader writes, in COPY order.
    public var copyColumns: [String] {
        [parentColumn, "id", "position"] + columns.map(\.name)
    }
}
