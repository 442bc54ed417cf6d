import StripeJSON
import StripeSchema

/// The newest change an event reported for one object.
struct EventChange: Sendable {
    /// The object's resource.
    let resource: Resource
    /// The object's id.
    let id: String
    /// The object as of the event, or nil when the event deleted it.
    let snapshot: JSONValue?

    /// The marker ingest reads as a deletion: `{"id":…,"object":…,"deleted":true}`.
    var deletionMarker: JSONValue {
        .object(JSONObject([
            (key: "id", value: .string(id)), (key: "object", value: .string(resource.objectName)),
            (key: "deleted", value: .bool(true)),
        ]))
    }
}
