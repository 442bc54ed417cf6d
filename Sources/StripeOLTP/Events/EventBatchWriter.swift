import Postgres
import StripeSchema

/// Writes a batch of prepared events inside the open transaction of `EventApplier`, with a
/// fixed number of set-based statements whatever the batch size: one insert of the events, one
/// lock of the objects, one read and one write of their row versions, one ingest load per
/// resource, one insert of the applications and one delete each from the quarantine and the
/// intake queue. The ordering rule is decided per object, in arrival order.
struct EventBatchWriter {
    /// The connection whose transaction is open.
    let connection: PGConnection
    /// The object of a fully tied event as the API has it now, or nil (see `EventVersion.isTie`).
    let retrieve: (PreparedEvent.Target, _ eventID: String, _ type: String) -> StagingBuffer?

    /// One event taking part in its object's ordering.
    private struct Candidate {
        var position: Int
        var event: PreparedEvent
        var version: EventVersion
    }

    /// Writes `events` (each with its queue arrival, if queued); their outcomes, in order.
    func write(_ events: [(event: PreparedEvent, queuedArrival: Int64?)]) throws -> [EventApplyOutcome] {
        try connection.query("SET CONSTRAINTS ALL DEFERRED")
        try checkLivemode(events.map(\.event))
        var outcomes = [EventApplyOutcome](repeating: .duplicate, count: events.count)
        var firstPositions: [Int] = []
        var seen: Set<String> = []
        for (position, item) in events.enumerated() where seen.insert(item.event.id).inserted { firstPositions.append(position) }
        let stored = try storeEvents(firstPositions.map { events[$0].event.row })
        let taken = firstPositions.filter { stored.contains(events[$0].event.id) }
        let arrivals = try arrivals(for: taken.map { events[$0].queuedArrival })
        var records: [(eventID: String, arrival: Int64, outcome: EventApplyOutcome)] = []
        var candidates: [RowVersions.Key: [Candidate]] = [:]
        for (position, arrival) in zip(taken, arrivals) {
            let event = events[position].event
            guard let target = event.target else {
                outcomes[position] = .unknownTypeStored
                records.append((event.id, arrival, .unknownTypeStored))
                continue
            }
            let version = EventVersion(created: target.created, objectUpdated: target.objectUpdated, arrival: arrival, rank: target.rank)
            candidates[target.key, default: []].append(Candidate(position: position, event: event, version: version))
        }
        let keys = candidates.keys.sorted { ($0.table, $0.objectID) < ($1.table, $1.objectID) }
        try lock(keys)
        let versions = try RowVersions.stored(keys, on: connection)
        var buffers: [Resource: [StagingBuffer]] = [:]
        var written: [(key: RowVersions.Key, eventID: String, version: EventVersion)] = []
        for key in keys {
            let ordered = candidates[key]!.sorted { $0.version.arrival < $1.version.arrival }
            let decided = decide(ordered, stored: versions[key])
            for (candidate, outcome) in decided.outcomes {
                outcomes[candidate.position] = outcome
                records.append((candidate.event.id, candidate.version.arrival, outcome))
            }
            guard let winner = decided.winner, let target = winner.event.target else { continue }
            let buffer = decided.tied ? retrieve(target, winner.event.id, winner.event.type) ?? target.buffer : target.buffer
            buffers[target.resource, default: []].append(buffer)
            written.append((key, winner.event.id, winner.version))
        }
        try load(buffers, source: events.count == 1 ? "event \(events[0].event.id)" : "events (batch of \(events.count))")
        try RowVersions.write(written, on: connection)
        try record(records)
        try EventQueue.remove(events.compactMap(\.queuedArrival), on: connection)
        return outcomes
    }

    /// The ordering rule for one object's candidates (in arrival order) against the version
    /// stored: each one that does not supersede the state before it is stale, the others applied
    /// (the last of them wins the row); `tied` when the winner beat its predecessor by arrival only.
    private func decide(_ ordered: [Candidate], stored: EventVersion?)
        -> (outcomes: [(Candidate, EventApplyOutcome)], winner: Candidate?, tied: Bool) {
        var current = stored
        var winner: Candidate?
        var tied = false
        var outcomes: [(Candidate, EventApplyOutcome)] = []
        for candidate in ordered {
            if let current, !candidate.version.supersedes(current) {
                outcomes.append((candidate, .stale))
                continue
            }
            tied = current.map { candidate.version.isTie(with: $0) } ?? false
            outcomes.append((candidate, .applied))
            winner = candidate
            current = candidate.version
        }
        return (outcomes, winner, tied)
    }

    /// Throws `LivemodeMismatchError` when an event's `livemode` is not the schema's mode (before
    /// anything is written); records the events' mode for a schema that has none yet.
    private func checkLivemode(_ events: [PreparedEvent]) throws {
        let moded = events.compactMap { event in event.livemode.map { (event.id, $0) } }
        guard !moded.isEmpty else { return }
        let modeGuard = try LivemodeGuard(connection: connection)
        for (id, livemode) in moded { try modeGuard.check(livemode, subject: "event \(id)", source: "event \(id)") }
        try modeGuard.recordIfNew(connection)
    }

    /// Inserts the events' rows (several per statement); the ids that were not there yet.
    private func storeEvents(_ rows: [StagingBuffer.LiveRow]) throws -> Set<String> {
        let columns = ResourceSpec.of(.events).copyColumns
        let perStatement = max(1, 30_000 / columns.count)
        var inserted: Set<String> = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var values: [any PGBindable] = []
            var tuples: [String] = []
            for row in chunk {
                let first = values.count
                values += row.values.map { $0 as any PGBindable }
                values += [String(decoding: row.raw, as: UTF8.self), row.hash, row.deleted ? "t" : "f"] as [any PGBindable]
                tuples.append("(" + (first..<values.count).map { "$\($0 + 1)" }.joined(separator: ", ") + ")")
            }
            let result: PGResult
            do {
                result = try connection.query("""
                    INSERT INTO stripe.events (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """, values)
            } catch let error as PGError where ResourceLoader.isRefusedValue(error) {
                // An event the server cannot store (a number jsonb cannot hold): the applier
                // applies the batch again one event at a time and quarantines that one.
                let id = chunk.count == 1 ? chunk.first!.id : "(one of \(chunk.count) events)"
                throw ObjectRefusedError(objectID: chunk.count == 1 ? id : nil, reason: ResourceLoader.refusalReason(error, objectID: id))
            }
            for row in result.rows { if let id = row["id"] { inserted.insert(id) } }
            start += perStatement
        }
        return inserted
    }

    /// The arrival numbers: a queued event's own, the others drawn from the arrival sequence in order.
    private func arrivals(for queued: [Int64?]) throws -> [Int64] {
        let missing = queued.filter { $0 == nil }.count
        var drawn: [Int64] = []
        if missing > 0 {
            drawn = try connection.query("""
                SELECT nextval('stripe_oltp.event_arrival_seq') AS arrival FROM generate_series(1, $1) ORDER BY 1
                """, [missing]).rows.map { try $0.require("arrival") }
        }
        var next = drawn.makeIterator()
        return queued.map { $0 ?? next.next()! }
    }

    /// Takes the transaction's advisory lock of every object, in key order (so two batches never
    /// wait for each other crosswise).
    private func lock(_ keys: [RowVersions.Key]) throws {
        guard !keys.isEmpty else { return }
        try connection.query("""
            SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest($1::text[]) AS k
            """, [PGArray.literal(keys.map { "\($0.table):\($0.objectID)" })])
    }

    /// Writes the winning objects' rows with the ingest loader, one load per resource, parents
    /// first, then the placeholders and fills a run would add at its end.
    private func load(_ buffers: [Resource: [StagingBuffer]], source: String) throws {
        guard !buffers.isEmpty else { return }
        let merged = buffers.mapValues(Self.merge)
        try ResourceLoader.createForwardReferencesTable(on: connection)
        var embedded: EmbeddedStage?
        if merged.values.contains(where: { !$0.embedded.isEmpty }) {
            embedded = EmbeddedStage(connection: connection)
            try embedded?.createTables()
        }
        var summaries: [ResourceSummary] = []
        for resource in LoadOrder.resources {
            guard let buffer = merged[resource] else { continue }
            let loader = ResourceLoader(connection: connection, spec: .of(resource), runID: nil, embedded: embedded, progress: { _ in })
            summaries.append(try loader.load(buffer: buffer, source: source))
        }
        let harvested = embedded?.finish(forwardReferences: ResourceLoader.forwardReferencesTable)
        _ = try Ingester.createForwardPlaceholders(on: connection)
        let added = Set((harvested?.added ?? [:]).filter { $0.value > 0 }.keys)
        _ = try Ingester.applyFills(after: summaries, harvested: added, on: connection)
        try connection.query("DROP TABLE \(ResourceLoader.forwardReferencesTable)")
    }

    /// One buffer holding every row of `buffers`, numbered anew so that each row keeps its own `seq`.
    static func merge(_ buffers: [StagingBuffer]) -> StagingBuffer {
        guard buffers.count > 1 else { return buffers[0] }
        var merged = StagingBuffer()
        var seq: Int64 = 0
        for buffer in buffers {
            for var row in buffer.live {
                seq += 1
                row.seq = seq
                merged.live.append(row)
            }
            for var row in buffer.deletions {
                seq += 1
                row.seq = seq
                merged.deletions.append(row)
            }
            for var row in buffer.embedded {
                seq += 1
                row.row.seq = seq
                merged.embedded.append(row)
            }
        }
        return merged
    }

    /// Records what came of each event, and takes them out of quarantine.
    private func record(_ records: [(eventID: String, arrival: Int64, outcome: EventApplyOutcome)]) throws {
        guard !records.isEmpty else { return }
        try connection.query("""
            INSERT INTO stripe_oltp.event_applications (event_id, arrival, outcome, applied_at)
            SELECT e, a, o, CASE WHEN o = 'applied' THEN now() END FROM unnest($1::text[], $2::bigint[], $3::text[]) AS r(e, a, o)
            """, [PGArray.literal(records.map(\.eventID)), PGArray.literal(records.map { String($0.arrival) }),
                  PGArray.literal(records.map(\.outcome.name))])
        try connection.query("DELETE FROM stripe_oltp.event_quarantine WHERE event_id = ANY($1::text[])",
                             [PGArray.literal(records.map(\.eventID))])
    }
}
