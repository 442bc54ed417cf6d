import StripeJSON

/// A place where objects of a resource without a list endpoint sit inside objects of another
/// resource (a customer's `discount`, a subscription's `discounts`), so that ingest harvests them
/// from there into their own table, and fetch asks Stripe to expand them where Stripe sends ids.
public struct EmbeddedLocation: Sendable {
    /// The resource whose objects hold the embedded ones (`subscriptions`).
    public let host: Resource
    /// Where in the host object: one object, or an array of them (`discounts`).
    public let path: JSONPath
    /// For an array, where in each element the object is (`discount` in
    /// `total_discount_amounts`); nil when the elements are the objects.
    public let element: JSONPath?
    /// True when Stripe sends ids at `path` unless asked to expand them: fetch then lists the
    /// host with `expand[]=data.<path>` (Stripe allows only whole-array expansion).
    public let expandable: Bool

    /// Declares a location.
    public init(_ host: Resource, _ path: JSONPath, element: JSONPath? = nil, expandable: Bool = false) {
        self.host = host
        self.path = path
        self.element = element
        self.expandable = expandable
    }

    /// The embedded objects (and ids) found at this location in `object`, in order.
    public func values(in object: JSONValue) -> [JSONValue] {
        guard let found = path.lookup(in: object), !found.isNull else { return [] }
        guard case .array(let elements) = found else { return [found] }
        guard let element else { return elements }
        return elements.compactMap { element.lookup(in: $0) }
    }

    /// The `expand[]` value fetch sends when listing the host (`data.discounts`).
    public var expandParameter: String? {
        expandable ? "data.\(path)" : nil
    }
}
