import Foundation
import Postgres
import StripeJSON
import StripeSchema

/// Applies verified Stripe events to the database: the one apply path of live sync, shared by
/// `stripe-oltp serve` (webhooks), `stripe-oltp sync --follow` (polling `/v1/events`) and
/// `stripe-oltp events retry`.
///
/// `apply(eventJSON:on:)` takes an event's raw body (already verified: it is parsed here, never
/// before) and, in one transaction of its own:
/// - checks its `livemode` against the mode the schema records (`SchemaMode`; the first event
///   with one records it): an event of the other mode is quarantined, nothing of it written;
/// - stores the event in `stripe.events`; an id already there changes nothing (`.duplicate`);
/// - looks up the resource by `data.object.object` in the catalog; an event type or object the
///   catalog does not load is stored and nothing else (`.unknownTypeStored`);
/// - compares the event with the one that last wrote the object's row
///   (`stripe_oltp.row_versions`, see `EventVersion`): an older one is stored, the row left
///   (`.stale`);
/// - otherwise writes the object through the ingest loader (`ResourceLoader`): upsert with its
///   child rows, placeholders for parents not there yet (never a foreign-key failure), embedded
///   objects; a deletion event (`….deleted` where the catalog says it deletes, or `deleted:
///   true`) marks the row deleted (`.applied`).
/// An event too thin to trust (a thin `v2.core.event` notification, or an object whose embedded
/// list says `has_more`) is re-retrieved from the API through `retriever`. An event that cannot
/// be applied (it does not transform, the server refuses a value, it needs a retrieval and no
/// retriever was given) goes to `stripe_oltp.event_quarantine` with its reason
/// (`.quarantined`). Every outcome is one to acknowledge; a thrown error is a database failure
/// (nothing was written, the caller should let the sender retry).
public final class EventApplier {
    private let retriever: EventObjectRetriever?

    /// An applier; `retriever` (a Stripe key's client) re-retrieves thin events' objects.
    public init(retriever: EventObjectRetriever? = nil) {
        self.retriever = retriever
    }

    /// Applies one event, given as the raw body that was verified; see the type's summary.
    public func apply(eventJSON bytes: [UInt8], on connection: PGConnection) throws -> EventApplyOutcome {
        let prepared: PreparedEvent
        do {
            prepared = try prepare(bytes)
        } catch {
            return try quarantine(error, bytes: bytes, on: connection)
        }
        do {
            return try connection.transaction { try write(prepared, on: connection) }
        } catch let error as ObjectRefusedError {
            let failure = EventApplyError.transform(eventID: prepared.id, type: prepared.type, detail: error.reason)
            return try quarantine(failure, bytes: bytes, type: prepared.type, objectID: prepared.target?.objectID,
                                  on: connection)
        } catch let error as LivemodeMismatchError {
            let failure = EventApplyError.modeMismatch(eventID: prepared.id, type: prepared.type, detail: error.description)
            return try quarantine(failure, bytes: bytes, type: prepared.type, objectID: prepared.target?.objectID,
                                  on: connection)
        }
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
                                    created: event["created"]?.int64Value ?? eventRowCreated(event), objectUpdated: updated)
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

    // MARK: - Writing

    /// Writes a prepared event inside the open transaction.
    private func write(_ prepared: PreparedEvent, on connection: PGConnection) throws -> EventApplyOutcome {
        try connection.query("SET CONSTRAINTS ALL DEFERRED")
        try checkLivemode(prepared, on: connection)
        guard try storeEvent(prepared.row, on: connection) else { return .duplicate }
        let arrival = try connection.query("SELECT nextval('stripe_oltp.event_arrival_seq')").scalar(Int64.self) ?? 0
        guard let target = prepared.target else {
            try record(prepared.id, arrival: arrival, outcome: .unknownTypeStored, on: connection)
            return .unknownTypeStored
        }
        let table = target.resource.tableName
        try connection.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", ["\(table):\(target.objectID)"])
        let version = EventVersion(created: target.created, objectUpdated: target.objectUpdated, arrival: arrival)
        if let stored = try RowVersions.stored(table: table, objectID: target.objectID, on: connection),
           !version.supersedes(stored) {
            try record(prepared.id, arrival: arrival, outcome: .stale, on: connection)
            return .stale
        }
        try load(target, eventID: prepared.id, on: connection)
        try RowVersions.write(table: table, objectID: target.objectID, eventID: prepared.id, version: version, on: connection)
        try record(prepared.id, arrival: arrival, outcome: .applied, on: connection)
        return .applied
    }

    /// Throws `LivemodeMismatchError` when the event's `livemode` is not the schema's mode (before
    /// anything of it is written); records the event's mode for a schema that has none yet.
    private func checkLivemode(_ prepared: PreparedEvent, on connection: PGConnection) throws {
        guard let livemode = prepared.livemode else { return }
        let modeGuard = try LivemodeGuard(connection: connection)
        try modeGuard.check(livemode, subject: "event \(prepared.id)", source: "event \(prepared.id)")
        try modeGuard.recordIfNew(connection)
    }

    /// Inserts the event's row; false when the id is there already.
    private func storeEvent(_ row: StagingBuffer.LiveRow, on connection: PGConnection) throws -> Bool {
        let columns = ResourceSpec.of(.events).copyColumns
        let placeholders = columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        let values: [any PGBindable] = row.values.map { $0 as any PGBindable }
            + [String(decoding: row.raw, as: UTF8.self), row.hash, row.deleted ? "t" : "f"]
        return try connection.query("""
            INSERT INTO stripe.events (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT (id) DO NOTHING
            """, values).affectedRows == 1
    }

    /// Writes the object's rows with the ingest loader, then the placeholders and fills a run
    /// would add at its end.
    private func load(_ target: PreparedEvent.Target, eventID: String, on connection: PGConnection) throws {
        try ResourceLoader.createForwardReferencesTable(on: connection)
        var embedded: EmbeddedStage?
        if !target.buffer.embedded.isEmpty {
            embedded = EmbeddedStage(connection: connection)
            try embedded?.createTables()
        }
        let loader = ResourceLoader(connection: connection, spec: .of(target.resource), runID: nil,
                                    embedded: embedded, progress: { _ in })
        let summary = try loader.load(buffer: target.buffer, source: "event \(eventID)")
        let harvested = embedded?.finish(forwardReferences: ResourceLoader.forwardReferencesTable)
        _ = try Ingester.createForwardPlaceholders(on: connection)
        let added = Set((harvested?.added ?? [:]).filter { $0.value > 0 }.keys)
        _ = try Ingester.applyFills(after: [summary], harvested: added, on: connection)
        try connection.query("DROP TABLE \(ResourceLoader.forwardReferencesTable)")
    }

    /// Records what came of the event, and takes it out of quarantine.
    private func record(_ eventID: String, arrival: Int64, outcome: EventApplyOutcome, on connection: PGConnection) throws {
        try connection.query("""
            INSERT INTO stripe_oltp.event_applications (event_id, arrival, outcome, applied_at)
            VALUES ($1, $2, $3, CASE WHEN $3 = 'applied' THEN now() END)
            """, [eventID, arrival, outcome.name])
        try EventQuarantine.remove(eventID: eventID, on: connection)
    }

    /// Quarantines the event with the error's reason; returns the outcome saying so.
    private func quarantine(_ error: EventApplyError, bytes: [UInt8], type: String? = nil, objectID: String? = nil,
                            on connection: PGConnection) throws -> EventApplyOutcome {
        let reason = Secrets.redact(error.description)
        let eventID: String
        switch error {
        case .notAnEvent(let id, _): eventID = id ?? "unidentified_\(Digest.sha256Hex(bytes).prefix(24))"
        case .transform(let id, _, _), .needsRetrieval(let id, _, _, _), .retrieval(let id, _, _, _), .modeMismatch(let id, _, _):
            eventID = id
        }
        try EventQuarantine.record(eventID: eventID, type: type, objectID: objectID, reason: reason, raw: bytes, on: connection)
        return .quarantined(reason: reason)
    }
}
