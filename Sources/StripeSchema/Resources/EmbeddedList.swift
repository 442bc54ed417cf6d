import StripeJSON

/// A list of full objects of another resource that a resource's objects embed without a column
/// referencing them (a charge's `refunds` before API version 2022-11-15, a dispute's
/// `balance_transactions`): each element is harvested like an expanded reference, filling its own
/// table's row when no dump holds the object itself.
public struct EmbeddedList: Sendable {
    /// The resource the listed objects belong to.
    public let resource: Resource
    /// Where the array is, newest shape first (`refunds.data`, then `refunds` when it was a bare array).
    public let paths: [JSONPath]

    /// Declares an embedded list of `resource` objects at the first of `paths` holding an array.
    public init(_ resource: Resource, _ paths: JSONPath...) {
        precondition(!paths.isEmpty, "an embedded list of \(resource) needs a path")
        self.resource = resource
        self.paths = paths
    }

    /// The listed elements in `object`: the first path holding an array (none when no path does).
    public func elements(in object: JSONValue) -> [JSONValue] {
        for path in paths {
            if case .array(let elements)? = path.lookup(in: object) { return elements }
        }
        return []
    }
}
