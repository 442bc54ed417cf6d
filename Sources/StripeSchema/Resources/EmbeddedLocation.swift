import StripeJSON

/// A place where objects of a resource sit inside objects of another resource, beyond the
/// references the catalog declares: a customer's `discount`, a subscription's `discounts`, a
/// charge's `refunds` of older API versions, a dispute's `balance_transactions`. Every transform
/// of a host object harvests them from there, like expanded references, filling their own table
/// where no dump holds the objects themselves; fetch asks Stripe to expand them where Stripe sends
/// ids unless asked.
public struct EmbeddedLocation: Sendable {
    /// The resource whose objects hold the embedded ones (`subscriptions`).
    public let host: Resource
    /// Where in the host object, newest shape first: the first path holding a value is used
    /// (`refunds.data`, then `refunds` when it was a bare array). One object, or an array of them.
    public let paths: [JSONPath]
    /// For an array, where in each element the object is (`discount` in
    /// `total_discount_amounts`); nil when the elements are the objects.
    public let element: JSONPath?
    /// True when Stripe sends ids at `path` unless asked to expand them: fetch then lists the
    /// host with `expand[]=data.<path>` (Stripe allows only whole-array expansion).
    public let expandable: Bool

    /// Declares a location at the first of `paths` that holds a value.
    public init(_ host: Resource, _ paths: JSONPath..., element: JSONPath? = nil, expandable: Bool = false) {
        precondition(!paths.isEmpty, "an embedded location in \(host) needs a path")
        precondition(!expandable || paths.count == 1, "an expandable location in \(host) has one path")
        self.host = host
        self.paths = paths
        self.element = element
        self.expandable = expandable
    }

    /// The embedded objects (and ids) found at this location in `object`, in order.
    public func values(in object: JSONValue) -> [JSONValue] {
        guard let found = paths.lazy.compactMap({ $0.lookup(in: object) }).first(where: { !$0.isNull }) else { return [] }
        guard case .array(let elements) = found else { return [found] }
        guard let element else { return elements }
        return elements.compactMap { element.lookup(in: $0) }
    }

    /// The `expand[]` value fetch sends when listing the host (`data.discounts`).
    public var expandParameter: String? {
        expandable ? "data.\(paths[0])" : nil
    }
}
