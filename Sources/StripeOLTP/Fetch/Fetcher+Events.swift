import StripeHTTP
import StripeJSON
import StripeSchema

extension Fetcher {
    /// Reads the events created since `since` (newest first) and records, per object of the
    /// fetched resources, the newest snapshot or deletion. A subscription's `.deleted` event is a
    /// cancellation: the subscription still exists, so its snapshot is kept as an update.
    func eventsTask(since: Int, resources: Set<Resource>) -> FetchTask {
        FetchTask(resource: nil, priority: .list) { [self] worker in
            let parameters: [(String, FormValue)] = [("created", .object([("gte", .string(String(since)))]))]
            try forEachPage("/v1/events", resource: nil, worker: worker, parameters: { parameters }) { events, _ in
                for event in events {
                    guard let change = Self.change(in: event), resources.contains(change.resource) else {
                        countEvents(1)
                        continue
                    }
                    record(change, eventCount: 1)
                }
            }
            return []
        }
    }

    /// The change `event` reports for one of the catalog's resources, if any.
    static func change(in event: JSONValue) -> EventChange? {
        guard let object = event["data"]?["object"], let name = object["object"]?.stringValue,
              let resource = Resource(objectName: name), let id = object["id"]?.stringValue, !id.isEmpty else { return nil }
        let type = event["type"]?.stringValue ?? ""
        let deleted = object["deleted"]?.boolValue == true || (type.hasSuffix(".deleted") && ResourceSpec.of(resource).deletionEventsDelete)
        return EventChange(resource: resource, id: id, snapshot: deleted ? nil : object)
    }

    /// Tasks writing the recorded changes of objects the lists did not return (the lists' copies
    /// are at least as new).
    func changeTasks() -> [FetchTask] {
        recordedChanges().map { change in
            FetchTask(resource: change.resource, priority: .leaf) { [self] worker in
                guard let writer = writers[change.resource], !writer.contains(change.id) else { return [] }
                if let snapshot = change.snapshot {
                    let object = try complete(snapshot, id: change.id, resource: change.resource, worker: worker)
                    try emit(change.resource, id: change.id, object: object, fromEvent: true)
                } else {
                    try emit(change.resource, id: change.id, object: change.deletionMarker, isDeletion: true, fromEvent: true)
                }
                return []
            }
        }
    }
}
