import StripeJSON

/// A full object found expanded inside another (a charge's customer, a subscription's
/// `latest_invoice`, an item's `plan`), transformed for its own table, so the row can be filled
/// when no dump holds the object itself.
public struct EmbeddedObject: Sendable, Equatable {
    /// The resource whose table the object belongs to.
    public let resource: Resource
    /// The object's rows.
    public let object: TransformedObject
    /// The object's JSON text, as it stands inside its parent.
    public let raw: [UInt8]

    /// Creates an embedded object.
    public init(resource: Resource, object: TransformedObject, raw: [UInt8]) {
        self.resource = resource
        self.object = object
        self.raw = raw
    }

    /// Whether `value`, found at a reference to `target`, is a full object to harvest: an object
    /// of the target's kind with more than its `id` and `object` (a bare `{"id":…}` is a
    /// reference, a `deleted` marker carries nothing to fill a row with).
    static func isHarvestable(_ value: JSONValue, for target: Resource) -> Bool {
        guard case .object(let members) = value, members.count > 2,
              let name = value["object"]?.stringValue, ResourceSpec.of(target).accepts(objectName: name)
        else { return false }
        if case .bool(true)? = value["deleted"] { return false }
        return true
    }
}
