import StripeHTTP
import StripeJSON
import StripeSchema

/// Re-retrieves from the API the object of an event too thin to trust: a thin notification
/// (`v2.core.event`, or one carrying `related_object`) holds no snapshot, and an object whose
/// embedded child list says `has_more` holds only its first page. The object comes back whole:
/// its catalog child lists paged in through their own endpoints, as fetch does.
public struct EventObjectRetriever {
    /// The client the requests go through (one request at a time).
    public let client: StripeClient
    /// The page size for child lists.
    public var pageSize = 100

    /// A retriever on `client`.
    public init(client: StripeClient) {
        self.client = client
    }

    /// Why `event`'s object must be re-retrieved before it can be applied, or nil when the
    /// event's own snapshot is whole.
    public static func thinness(of event: JSONValue, resource: Resource) -> String? {
        if event["object"]?.stringValue == "v2.core.event" || event["related_object"] != nil {
            return "a thin event carries no snapshot of its object"
        }
        guard let object = event["data"]?["object"] else { return "the event has no data.object" }
        for child in ResourceSpec.of(resource).children where object[child.listKey]?["has_more"]?.boolValue == true {
            return "its embedded \(child.listKey) list holds only the first page (has_more is true)"
        }
        return nil
    }

    /// The object `id` of `resource` as the API has it now, its child lists complete. `url` is
    /// a thin event's `related_object.url`, used when it is an API path.
    public func retrieve(_ resource: Resource, id: String, url: String? = nil) throws -> JSONValue {
        let path = url.flatMap { $0.hasPrefix("/v1/") ? $0 : nil } ?? "\(resource.listPath)/\(id)"
        var object = try get(path, [])
        for child in ResourceSpec.of(resource).children {
            guard case .object(var members) = object, case .object(var list)? = members[child.listKey],
                  list["has_more"]?.boolValue == true else { continue }
            let (childPath, parameters) = child.endpoint(parent: id)
            var all: [JSONValue] = []
            try StripeListPaging.forEachPage(
                childPath, pageSize: pageSize, parameters: { parameters.map { ($0.name, FormValue.string($0.value)) } },
                get: { try get(childPath, $0) }) { objects, _ in all += objects }
            list.set("data", .array(all))
            list.set("has_more", .bool(false))
            members.set(child.listKey, .object(list))
            object = .object(members)
        }
        return object
    }

    private func get(_ path: String, _ parameters: [(String, FormValue)]) throws -> JSONValue {
        let response = try client.send(.get, path, parameters: parameters)
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw LoaderError.fetch(request: "GET \(path)", reason: "the response is not JSON: \(error)")
        }
    }
}
