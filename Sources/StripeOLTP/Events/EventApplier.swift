import Foundation
import Postgres
import StripeJSON
import StripeSchema

/// Applies verified Stripe events to the database: the one apply path of live sync, shared by
/// `stripe-oltp serve` (its intake queue), `stripe-oltp sync --follow` (polling `/v1/events`)
/// and `stripe-oltp events retry`.
///
/// `apply(_:on:)` takes a batch of events' raw bodies (already verified: parsed here, never
/// before) and handles them in one transaction, with set-based statements (`EventBatchWriter`):
/// - checks each event's `livemode` against the mode the schema records (`SchemaMode`; the first
///   event with one records it): an event of the other mode is quarantined, nothing of it written;
/// - stores the events in `stripe.events`; an id already there, or twice in the batch, changes
///   nothing (`.duplicate`);
/// - looks up each event's resource by `data.object.object` in the catalog; an event type or
///   object the catalog does not load is stored and nothing else (`.unknownTypeStored`);
/// - decides per object, in arrival order, against the event that last wrote the object's row
///   (`stripe_oltp.row_versions`, see `EventVersion`): an older one is stored, the row left
///   (`.stale`); when only the arrival order tells two events apart (a full tie) and a
///   `retriever` is given, the object is re-retrieved from the API;
/// - otherwise writes the object through the ingest loader (`ResourceLoader`), one load per
///   resource for the whole batch: upsert with its child rows, placeholders for parents not
///   there yet (never a foreign-key failure), embedded objects; a deletion event (`….deleted`
///   where the catalog says it deletes, or `deleted: true`) marks the row deleted (`.applied`).
/// An event too thin to trust (a thin `v2.core.event` notification, or an object whose embedded
/// list says `has_more`) is re-retrieved from the API through `retriever`. An event that cannot
/// be applied (it does not transform, the server refuses a value, it needs a retrieval and no
/// retriever was given) goes to `stripe_oltp.event_quarantine` with its reason
/// (`.quarantined`); when the server refuses a value in a batch, the batch is applied again one
/// event at a time, so the others still apply. Every outcome is one to acknowledge; a thrown
/// error is a database failure (nothing of the batch was written, the caller should retry).
public final class EventApplier {
    private let retriever: EventObjectRetriever?

    /// An applier; `retriever` (a Stripe key's client) re-retrieves thin events' objects.
    public init(retriever: EventObjectRetriever? = nil) {
        self.retriever = retriever
    }

    /// Applies one event, given as the raw body that was verified; see the type's summary.
    public func apply(eventJSON bytes: [UInt8], on connection: PGConnection) throws -> EventApplyOutcome {
        try apply([IncomingEvent(body: bytes)], on: connection)[0]
    }

    /// Applies `events` in one transaction; their outcomes, in the same order. See the type's summary.
    public func apply(_ events: [IncomingEvent], on connection: PGConnection) throws -> [EventApplyOutcome] {
        var outcomes = [EventApplyOutcome?](repeating: nil, count: events.count)
        var ready: [(index: Int, event: PreparedEvent)] = []
        for (index, incoming) in events.enumerated() {
            do {
                ready.append((index, try prepare(incoming.body)))
            } catch {
                outcomes[index] = try quarantine(error, incoming, on: connection)
            }
        }
        guard !ready.isEmpty else { return outcomes.map { $0! } }
        do {
            let writer = EventBatchWriter(connection: connection, retrieve: retrievedBuffer)
            let written = try connection.transaction {
                try writer.write(ready.map { ($0.event, events[$0.index].queuedArrival) })
            }
            for (position, outcome) in written.enumerated() { outcomes[ready[position].index] = outcome }
        } catch let error as ObjectRefusedError {
            return try isolate(events, ready: ready, outcomes: outcomes, on: connection) {
                .transform(eventID: $0.id, type: $0.type, detail: error.reason)
            }
        } catch let error as LivemodeMismatchError {
            return try isolate(events, ready: ready, outcomes: outcomes, on: connection) {
                .modeMismatch(eventID: $0.id, type: $0.type, detail: error.description)
            }
        }
        return outcomes.map { $0! }
    }

    /// A batch that failed as a whole: its `ready` events one at a time when it holds several,
    /// else its one event quarantined with the reason `failure` gives for it.
    private func isolate(_ events: [IncomingEvent], ready: [(index: Int, event: PreparedEvent)], outcomes: [EventApplyOutcome?],
                         on connection: PGConnection, failure: (PreparedEvent) -> EventApplyError) throws -> [EventApplyOutcome] {
        if ready.count > 1 { return try applyOneByOne(events, ready: ready, outcomes: outcomes, on: connection) }
        var outcomes = outcomes
        let (index, event) = ready[0]
        outcomes[index] = try quarantine(failure(event), events[index], type: event.type, objectID: event.target?.objectID,
                                         on: connection)
        return outcomes.map { $0! }
    }

    /// Applies the `ready` events of a batch that failed as a whole (the server refused a value,
    /// an event of the other mode) one at a time, so that only the failing ones are quarantined.
    private func applyOneByOne(_ events: [IncomingEvent], ready: [(index: Int, event: PreparedEvent)],
                               outcomes: [EventApplyOutcome?], on connection: PGConnection) throws -> [EventApplyOutcome] {
        var outcomes = outcomes
        for (index, _) in ready { outcomes[index] = try apply([events[index]], on: connection)[0] }
        return outcomes.map { $0! }
    }

    // MARK: - Preparing

    private func prepare(_ bytes: [UInt8]) throws(EventApplyError) -> PreparedEvent {
        let event: JSONValue
        do {
            event = try JSONParser.parse(bytes)
        } catch {
            throw .notAnEvent(eventID: RawText.leadingID(bytes), reason: "the body is not JSON: \(error)")
        }
        guard let id = event["id"]?.stringValue, !id.isEmpty else {
            throw .notAnEvent(eventID: nil, reason: "the body has no string id")
        }
        guard let kind = event["object"]?.stringValue, kind == "event" || kind == "v2.core.event" else {
            throw .notAnEvent(eventID: id, reason: "the body is not an event (its object is \(event["object"]?.serialized() ?? "missing"))")
        }
        let type = event["type"]?.stringValue ?? "(no type)"
        let row = try eventRow(event, bytes: bytes, id: id, type: type)
        var prepared = PreparedEvent(id: id, type: type, row: row, target: nil)
        prepared.livemode = event["livemode"]?.boolValue
        prepared.target = try target(of: event, id: id, type: type)
        return prepared
    }

    /// The event's own row; a thin event's ISO 8601 `created` is read as Unix seconds.
    private func eventRow(_ event: JSONValue, bytes: [UInt8], id: String, type: String) throws(EventApplyError) -> StagingBuffer.LiveRow {
        var normalized = event
        if case .string(let text)? = event["created"], case .object(var members) = event {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
            if let date {
                members.set("created", .number(JSONNumber(Int64(date.timeIntervalSince1970.rounded(.down)))))
                normalized = .object(members)
            }
        }
        var buffer = try stage(normalized.serializedBytes(), spec: .of(.events), eventID: id, type: type)
        guard var row = buffer.live.popLast() else {
            throw .notAnEvent(eventID: id, reason: "the event says it is deleted")
        }
        row.raw = bytes
        row.hash = PGBytes.hex(Digest.sha256(bytes))
        return row
    }

    /// The rows of the object the event reports, re-retrieved when the event is too thin; nil
    /// when the catalog does not load it (or it has no id, like an upcoming invoice).
    private func target(of event: JSONValue, id: String, type: String) throws(EventApplyError) -> PreparedEvent.Target? {
        let related = event["related_object"]
        let objectName = event["data"]?["object"]?["object"]?.stringValue
            ?? related?["type"]?.stringValue.map { $0.hasPrefix("v1.") ? String($0.dropFirst(3)) : $0 }
        guard let objectName,
              let resource = Resource.allCases.first(where: { $0 != .events && ResourceSpec.of($0).accepts(objectName: objectName) }),
              let objectID = event["data"]?["object"]?["id"]?.stringValue ?? related?["id"]?.stringValue, !objectID.isEmpty
        else { return nil }
        var object = event["data"]?["object"] ?? .null
        if let reason = EventObjectRetriever.thinness(of: event, resource: resource) {
            guard let retriever else {
                throw .needsRetrieval(eventID: id, type: type, objectID: objectID, reason: reason)
            }
            do {
                object = try retriever.retrieve(resource, id: objectID, url: related?["url"]?.stringValue)
            } catch {
                throw .retrieval(eventID: id, type: type, objectID: objectID, reason: Secrets.redact("\(error)"))
            }
        }
        let spec = ResourceSpec.of(resource)
        let deleted = object["deleted"]?.boolValue == true || (type.hasSuffix(".deleted") && spec.deletionEventsDelete)
        let written = deleted ? EventChange(resource: resource, id: objectID, snapshot: nil).deletionMarker : object
        let buffer = try stage(written.serializedBytes(), spec: spec, eventID: id, type: type)
        let updated = spec.columns.contains { $0.name == "updated" } ? object["updated"]?.int64Value : nil
        return PreparedEvent.Target(resource: resource, objectID: objectID, buffer: buffer,
                                    created: event["created"]?.int64Value ?? eventRowCreated(event), objectUpdated: updated,
                                    rank: EventVersion.rank(ofType: type, deleted: deleted))
    }

    /// A thin event's `created` (ISO 8601) in Unix seconds; 0 when it has none.
    private func eventRowCreated(_ event: JSONValue) -> Int64 {
        guard let text = event["created"]?.stringValue else { return 0 }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return 0 }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// `bytes` staged for `spec` as ingest stages a dump object; an object that does not
    /// transform is an error naming the event, the object, the field and the reason.
    private func stage(_ bytes: [UInt8], spec: ResourceSpec, eventID: String, type: String) throws(EventApplyError) -> StagingBuffer {
        var buffer = StagingBuffer()
        let stager = ObjectStager(spec: spec, file: "event \(eventID)")
        do {
            try stager.stage(DumpObject(bytes: bytes, byteOffset: 0, line: 1), seq: 1, into: &buffer)
        } catch {
            throw .transform(eventID: eventID, type: type, detail: error.description)
        }
        if let reject = buffer.rejects.first {
            throw .transform(eventID: eventID, type: type, detail: reject.reason)
        }
        return buffer
    }

    /// The object of a tied event as the API has it now, staged; nil without a retriever or
    /// when retrieving or staging it fails (the event's own snapshot is then written).
    private func retrievedBuffer(_ target: PreparedEvent.Target, eventID: String, type: String) -> StagingBuffer? {
        guard let retriever, let object = try? retriever.retrieve(target.resource, id: target.objectID) else { return nil }
        let written = object["deleted"]?.boolValue == true
            ? EventChange(resource: target.resource, id: target.objectID, snapshot: nil).deletionMarker : object
        return try? stage(written.serializedBytes(), spec: .of(target.resource), eventID: eventID, type: type)
    }

    /// Quarantines the event with the error's reason (and takes a queued one off the queue, in
    /// the same transaction); returns the outcome saying so.
    private func quarantine(_ error: EventApplyError, _ incoming: IncomingEvent, type: String? = nil, objectID: String? = nil,
                            on connection: PGConnection) throws -> EventApplyOutcome {
        let bytes = incoming.body
        let reason = Secrets.redact(error.description)
        let eventID: String
        switch error {
        case .notAnEvent(let id, _): eventID = id ?? "unidentified_\(Digest.sha256Hex(bytes).prefix(24))"
        case .transform(let id, _, _), .needsRetrieval(let id, _, _, _), .retrieval(let id, _, _, _), .modeMismatch(let id, _, _):
            eventID = id
        }
        try connection.transaction {
            try EventQuarantine.record(eventID: eventID, type: type, objectID: objectID, reason: reason, raw: bytes, on: connection)
            if let arrival = incoming.queuedArrival { try EventQueue.remove([arrival], on: connection) }
        }
        return .quarantined(reason: reason)
    }
}
