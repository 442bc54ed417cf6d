import Foundation
import Postgres
import StripeJSON
import StripeSchema

/// Loads one resource's dump file into its tables, under a savepoint of the run's transaction.
///
/// Objects stream from the file in batches. For each batch the client looks up which ids the
/// table already has and with which content hash, then:
/// - objects the table lacks, or holds only as a placeholder or an embedded copy (deleted to make way), are
///   copied straight into the table and its child tables, and placeholder rows are added for the
///   parents they reference that do not exist (for parents of resources loading later in the
///   run, at the run's end, if still missing);
/// - objects whose stored copy has the same content hash are skipped before reaching the server;
/// - objects that changed go to temporary staging tables, and at the end one set-based
///   `INSERT … ON CONFLICT DO UPDATE` per table applies them and replaces their child rows.
/// Deletion markers are applied last. Foreign keys are checked at commit (all are deferrable).
/// Malformed JSON rolls the whole resource back; objects that cannot be transformed, objects
/// over the size limit and objects the server refuses (found by splitting the batch that
/// failed, each batch being written under a savepoint) are recorded in
/// `stripe_oltp.ingest_rejects` and the rest load.
final class ResourceLoader {
    let connection: PGConnection
    let spec: ResourceSpec
    /// The ingest run whose reject records name refused objects; nil when objects load outside a
    /// run (a live event's object): a refused object then throws `ObjectRefusedError`.
    private let runID: Int64?
    let batchSize: Int
    /// Receives the objects and the (decompressed) bytes read so far, after each batch.
    let progress: (Int, Int) -> Void
    let known: KnownIDs
    /// Where expanded objects found inside this resource's objects wait for the run's end.
    let embedded: EmbeddedStage?
    /// Where references to resources that load later in the run wait for them; nil: straight
    /// into `forwardReferencesTable`.
    let forward: ForwardReferences?
    /// The table was empty when the run began (a first load): every row it holds is one this
    /// load wrote, so while `known` remembers them all, no lookup is needed.
    private let startedEmpty: Bool
    /// The limit on one object's size; larger objects are rejected.
    private let maxObjectSize: Int
    /// Checks each object's `livemode` against the schema's mode before its batch is written.
    private let livemodeGuard: LivemodeGuard?
    /// The index of the `livemode` column in a live row's values, when the resource has one.
    private let livemodeIndex: Int?

    /// The staging tables outlive the load, emptied at each commit, for the next load on the
    /// session (`load(buffer:)`: one event after another); otherwise they are dropped.
    private var persistentStaging = false
    private var stagePrefix: String { persistentStaging ? "_event_stage_" : "_stage_" }
    private var mainStage: String { "\(stagePrefix)\(spec.resource.tableName)" }
    private func childStage(_ child: ChildTableSpec) -> String { "\(stagePrefix)\(child.tableName)" }
    private var deletionStage: String { persistentStaging ? "\(mainStage)_deleted" : "_stage_deleted" }
    private var changedTable: String { persistentStaging ? "\(mainStage)_changed" : "_changed" }
    /// The rows the last `applyChanges` wrote, before they join `changedTable`.
    private var changedNowTable: String { persistentStaging ? "\(mainStage)_changed_now" : "_changed_now" }

    /// Indexes (in a live row's values, id first) of the columns that reference another resource.
    private let referenceColumns: [(index: Int, target: Resource)]
    /// The same for each child table (indexes in the child row).
    private let childReferenceColumns: [[(index: Int, target: Resource)]]

    init(connection: PGConnection, spec: ResourceSpec, runID: Int64?, batchSize: Int = 2000, known: KnownIDs = KnownIDs(capacity: 0),
         startedEmpty: Bool = false, embedded: EmbeddedStage? = nil, maxObjectSize: Int = DumpReader.defaultMaxObjectSize,
         livemodeGuard: LivemodeGuard? = nil, forward: ForwardReferences? = nil, progress: @escaping (Int, Int) -> Void) {
        self.connection = connection
        self.forward = forward
        self.livemodeGuard = livemodeGuard
        livemodeIndex = spec.columns.firstIndex { $0.name == "livemode" }.map { $0 + 1 }
        self.maxObjectSize = maxObjectSize
        self.known = known
        self.embedded = embedded
        self.startedEmpty = startedEmpty
        self.spec = spec
        self.runID = runID
        self.batchSize = batchSize
        self.progress = progress
        referenceColumns = spec.columns.enumerated().compactMap { index, column in
            column.referencedResource.map { (index + 1, $0) }
        }
        childReferenceColumns = spec.children.map { child in
            child.columns.enumerated().compactMap { index, column in
                column.referencedResource.map { (index + 3, $0) }
            }
        }
    }

    /// The temporary table, created by the ingest run, where references to resources that load
    /// later in the run wait until the run's end: only those still missing then get placeholders.
    static let forwardReferencesTable = "_forward_references"

    /// Creates `forwardReferencesTable` for the open transaction (dropped at its commit).
    static func createForwardReferencesTable(on connection: PGConnection) throws {
        try connection.execute(script: """
            CREATE TEMP TABLE \(forwardReferencesTable)
                (source text NOT NULL, target text NOT NULL, id text NOT NULL) ON COMMIT DROP;
            """)
    }

    /// Loads `file` inside the run's open transaction, under a savepoint; returns the counts.
    /// Throws (after rolling back to the savepoint: nothing of this resource stays) on malformed
    /// JSON or a database failure.
    func load(file: String) throws -> ResourceSummary {
        var summary = ResourceSummary(resource: spec.resource, file: file)
        let started = Date()
        try connection.savepoint("resource_load") {
            try createStagingTables()
            try stream(file: file, summary: &summary)
            try finish(file: file, summary: &summary)
            try dropStagingTables()
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Loads the objects already staged in `buffer` (by `ObjectStager`, from objects that did not
    /// come from a dump file: a live event's object) exactly as `load(file:)` loads a file's:
    /// under a savepoint, new objects inserted, changed ones upserted with their children,
    /// placeholders for missing parents, deletions marked. `source` names where the objects came
    /// from. Throws `ObjectRefusedError` when the server refuses an object and no run records it.
    /// Call it once per resource in a transaction: its staging tables stay for the session and
    /// are emptied by the commit.
    func load(buffer: StagingBuffer, source: String) throws -> ResourceSummary {
        persistentStaging = true
        var summary = ResourceSummary(resource: spec.resource, file: source)
        let started = Date()
        try connection.savepoint("resource_load") {
            try createStagingTables()
            var staged = buffer
            summary.read = staged.objectCount
            try flush(&staged, file: source, summary: &summary)
            try finish(file: source, summary: &summary)
            try dropStagingTables()
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    // MARK: - Staging

    private func createStagingTables() throws {
        if persistentStaging {
            let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL", ["pg_temp.\(mainStage)"]).scalar(Bool.self)
            if exists == true { return }
        }
        let onCommit = persistentStaging ? "ON COMMIT DELETE ROWS" : "ON COMMIT DROP"
        var script = """
            CREATE TEMP TABLE \(mainStage) (LIKE \(spec.resource.table) INCLUDING DEFAULTS) \(onCommit);
            ALTER TABLE \(mainStage) ADD COLUMN _seq bigint NOT NULL, ADD COLUMN _line bigint NOT NULL, ADD COLUMN _offset bigint NOT NULL;
            CREATE TEMP TABLE \(deletionStage) (id text NOT NULL, raw jsonb NOT NULL, content_hash bytea, _seq bigint NOT NULL) \(onCommit);
            CREATE TEMP TABLE \(changedTable) (id text PRIMARY KEY, inserted boolean NOT NULL) \(onCommit);
            CREATE TEMP TABLE \(changedNowTable) (id text PRIMARY KEY, inserted boolean NOT NULL) \(onCommit);

            """
        for child in spec.children {
            script += """
                CREATE TEMP TABLE \(childStage(child)) (LIKE \(child.table) INCLUDING DEFAULTS) \(onCommit);
                ALTER TABLE \(childStage(child)) ADD COLUMN _seq bigint NOT NULL;

                """
        }
        try connection.execute(script: script)
    }

    private func dropStagingTables() throws {
        guard !persistentStaging else { return }  // emptied by the commit
        let tables = [mainStage, deletionStage, changedTable, changedNowTable] + spec.children.map(childStage)
        try connection.execute(script: "DROP TABLE \(tables.joined(separator: ", "));")
    }

    private func stream(file: String, summary: inout ResourceSummary) throws {
        if startedEmpty {
            try streamFirstLoad(file: file, summary: &summary)
        } else {
            try streamBatches(file: file, summary: &summary)
        }
    }

    /// The pipeline that reads and stages `file`, encoding its rows for COPY when `encode`.
    func makePipeline(file: String, encode: Bool) -> ParsingPipeline {
        // A first load is bound by the server, which needs a core: one stager thread keeps up and
        // holds fewer batches. Later loads mostly skip unchanged objects and are bound by parsing.
        let stagers = startedEmpty ? 1 : ProcessInfo.processInfo.activeProcessorCount
        return ParsingPipeline(file: file, spec: spec, batchSize: batchSize, stagers: stagers,
                               maxObjectSize: maxObjectSize, encode: encode)
    }

    /// Loads `file` batch by batch, each under its own savepoint.
    func streamBatches(file: String, summary: inout ResourceSummary) throws {
        let pipeline = makePipeline(file: file, encode: false)
        defer { pipeline.stop() }
        while let (batch, read, bytes) = try pipeline.next() {
            var buffer = batch
            summary.read = read
            try flush(&buffer, file: file, summary: &summary)
            progress(read, bytes)
        }
    }

    /// Frees sent batches away from the thread that talks to the server.
    private static let releaseQueue = DispatchQueue(label: "stripe-oltp.batch-release", qos: .utility)

    /// Drops `buffer` on another thread: thousands of rows of strings and bytes, whose freeing
    /// would cost the thread that talks to the server time the server then spends idle.
    func release(_ buffer: StagingBuffer) {
        Self.releaseQueue.async { withExtendedLifetime(buffer) {} }
    }

    /// Sends one batch: new objects straight to their tables, changed ones to staging,
    /// unchanged ones nowhere. An object the server refuses (a value out of range, a child id
    /// another object holds) is found by splitting its batch and rejected alone.
    func flush(_ buffer: inout StagingBuffer, file: String, summary: inout ResourceSummary) throws {
        defer {
            release(buffer)
            buffer = StagingBuffer()
        }
        try checkLivemode(buffer.live, file: file)
        var rejects = buffer.rejects
        if !buffer.live.isEmpty {
            // Within a batch the last copy of an object wins.
            var lastIndex: [String: Int] = [:]
            for (index, row) in buffer.live.enumerated() { lastIndex[row.id] = index }
            let rows = lastIndex.count == buffer.live.count
                ? buffer.live : buffer.live.enumerated().filter { lastIndex[$0.element.id] == $0.offset }.map(\.element)
            // On a first load only ids this load already wrote (duplicates in the file) can be stored.
            let lookups: [String] = startedEmpty && !known.overflowed
                ? rows.compactMap { known.contains($0.id, in: spec.resource) ? $0.id : nil } : rows.map(\.id)
            let stored = lookups.isEmpty ? [:] : try storedState(ids: lookups)
            var fresh: [StagingBuffer.LiveRow] = []
            var replacing: Set<String> = []
            var changed: [StagingBuffer.LiveRow] = []
            for row in rows {
                switch stored[row.id] {
                case .none:
                    fresh.append(row)
                case .some(let state) where state.isPlaceholder:
                    replacing.insert(row.id)
                    fresh.append(row)
                case .some(let state) where state.hash == row.hash:
                    summary.unchanged += 1
                case .some:
                    changed.append(row)
                }
            }
            if !fresh.isEmpty {
                let (written, replaced) = try isolatingRefused(fresh, rejects: &rejects, where: Self.place) {
                    try insertFresh($0, replacing: replacing)
                }
                summary.placeholdersReplaced += replaced
                known.insert(written.map(\.id), in: spec.resource)
                summary.inserted += written.count
                summary.childRows += written.reduce(0) { total, row in total + row.children.reduce(0) { $0 + $1.count } }
                summary.placeholdersCreated += try createPlaceholders(placeholderCandidates(for: written))
            }
            if !changed.isEmpty {
                _ = try isolatingRefused(changed, rejects: &rejects, where: Self.place) { subset in
                    try copyLive(subset, into: mainStage, withSeq: true)
                    for (index, child) in spec.children.enumerated() {
                        try copyChildren(subset, childIndex: index, into: childStage(child), withSeq: true)
                    }
                    return 0
                }
            }
        }
        if !buffer.embedded.isEmpty, let embedded {
            rejects += try embedded.stage(buffer.embedded)
        }
        if !buffer.deletions.isEmpty {
            _ = try isolatingRefused(buffer.deletions, rejects: &rejects, where: { ($0.line, $0.offset, $0.id, $0.raw) }) {
                try copyDeletions($0)
                return 0
            }
        }
        summary.rejected += rejects.count
        if !rejects.isEmpty { try writeRejects(rejects, file: file) }
    }

    /// Throws `LivemodeMismatchError` for the first object of `rows` whose `livemode` is not the
    /// schema's mode, before anything of the batch is written.
    func checkLivemode(_ rows: [StagingBuffer.LiveRow], file: String) throws {
        guard let livemodeGuard, let livemodeIndex else { return }
        for row in rows {
            guard let value = row.values[livemodeIndex] else { continue }
            try livemodeGuard.check(value == "t", subject: "\(file) line \(row.line): object \(row.id)",
                                    source: "ingest run \(runID.map(String.init) ?? "-") (\(file) line \(row.line), object \(row.id))")
        }
    }

    /// Where a live row came from, for its reject record.
    private static func place(_ row: StagingBuffer.LiveRow) -> (line: Int, offset: Int, id: String, raw: [UInt8]) {
        (row.line, row.offset, row.id, row.raw)
    }

    /// Writes new objects (deleting the placeholders they replace) and their child rows;
    /// returns how many placeholders made way.
    private func insertFresh(_ rows: [StagingBuffer.LiveRow], replacing: Set<String>) throws -> Int {
        var replaced = 0
        let replacedHere = replacing.isEmpty ? [] : rows.map(\.id).filter(replacing.contains)
        if !replacedHere.isEmpty {
            // A placeholder makes way for its real object, which then loads like a new one;
            // the deferred foreign keys pointing at it hold again by commit.
            replaced = try connection.query(
                "DELETE FROM \(spec.resource.table) WHERE id = ANY($1::text[]) AND (is_placeholder OR is_embedded)",
                [PGArray.literal(replacedHere)]).affectedRows
        }
        try copyLive(rows, into: spec.resource.table, withSeq: false)
        for (index, child) in spec.children.enumerated() {
            try copyChildren(rows, childIndex: index, into: child.table, withSeq: false)
        }
        return replaced
    }

    private func copyDeletions(_ rows: [StagingBuffer.DeletionRow]) throws {
        try connection.copyIn("COPY \(deletionStage) (id, raw, content_hash, _seq) FROM STDIN") { writer in
            for row in rows {
                writer.appendField(row.id)
                writer.appendSeparator()
                row.raw.withUnsafeBufferPointer { writer.appendBytesField($0) }
                writer.appendSeparator()
                writer.appendField(row.hash)
                writer.appendSeparator()
                writer.appendField(String(row.seq))
                try writer.endRow()
            }
        }
    }

    /// Records rejected objects; ids and reasons are made storable (a NUL in them would make
    /// the record itself fail).
    func writeRejects(_ rejects: [StagingBuffer.RejectRow], file: String) throws {
        guard let runID else {
            throw ObjectRefusedError(objectID: rejects[0].objectID, reason: rejects[0].reason)
        }
        try connection.copyIn("""
            COPY stripe_oltp.ingest_rejects (run_id, resource, file, line, byte_offset, object_id, reason, raw_text) FROM STDIN
            """) { writer in
            for reject in rejects {
                try writer.writeRow([
                    String(runID), spec.resource.rawValue, RawText.storable(file), String(reject.line), String(reject.offset),
                    reject.objectID.map(RawText.storable), RawText.storable(reject.reason), RawText.displayable(reject.raw),
                ])
            }
        }
    }

    /// Runs `write` for `rows` under a savepoint. When the server refuses a value in them, the
    /// rows are split in halves, each written the same way, until the refused row is alone: it
    /// is added to `rejects` with the server's reason and the others are written. Returns the
    /// rows written and the sum of what `write` returned for them. Costs one savepoint per
    /// batch; the splitting happens only after a failure.
    private func isolatingRefused<Row>(
        _ rows: [Row], rejects: inout [StagingBuffer.RejectRow],
        where locate: (Row) -> (line: Int, offset: Int, id: String, raw: [UInt8]),
        _ write: ([Row]) throws -> Int
    ) throws -> (written: [Row], total: Int) {
        do {
            let total = try connection.savepoint("batch_write") { try write(rows) }
            return (rows, total)
        } catch let error as PGError where Self.isRefusedValue(error) {
            guard rows.count > 1 else {
                let place = locate(rows[0])
                rejects.append(.init(
                    line: place.line, offset: place.offset, objectID: place.id,
                    reason: Self.refusalReason(error, objectID: place.id), raw: place.raw))
                return ([], 0)
            }
            let middle = rows.count / 2
            let left = try isolatingRefused(Array(rows[..<middle]), rejects: &rejects, where: locate, write)
            let right = try isolatingRefused(Array(rows[middle...]), rejects: &rejects, where: locate, write)
            return (left.written + right.written, left.total + right.total)
        }
    }

    /// Whether the server refused a value of the data (so splitting the batch finds the object):
    /// data exceptions (out of range, invalid input), integrity violations (a duplicate key),
    /// cardinality violations and program limits (a too large value).
    static func isRefusedValue(_ error: PGError) -> Bool {
        guard let state = error.sqlState else { return false }
        return ["21", "22", "23", "54"].contains(String(state.prefix(2)))
    }

    /// The reject reason for an object the server refused.
    static func refusalReason(_ error: PGError, objectID: String) -> String {
        var reason = "PostgreSQL refused the object: \(error.message)"
        if let detail = error.detail, !detail.isEmpty { reason += " (\(detail))" }
        if let context = error.serverContext, !context.isEmpty { reason += " [\(context)]" }
        if let state = error.sqlState { reason += " (SQLSTATE \(state))" }
        return LoaderError.transform(objectID: objectID, field: Self.field(fromCopyContext: error.serverContext), reason: reason).description
    }

    /// The column named in a COPY error's context (`COPY t, line 1, column amount: "…"`), or
    /// `(object)` when it names none.
    static func field(fromCopyContext context: String?) -> String {
        guard let context, let range = context.range(of: ", column ") else { return "(object)" }
        let rest = context[range.upperBound...]
        return String(rest.prefix { $0 != ":" && $0 != "\n" })
    }

    private struct StoredState {
        var hash: String?
        var isPlaceholder: Bool
    }

    /// The content hash and placeholder flag of every given id the table already has.
    private func storedState(ids: [String]) throws -> [String: StoredState] {
        let rows = try connection.query(
            "SELECT id, content_hash, is_placeholder OR is_embedded AS is_placeholder FROM \(spec.resource.table) WHERE id = ANY($1::text[])",
            [PGArray.literal(ids)]).rows
        var states: [String: StoredState] = [:]
        states.reserveCapacity(rows.count)
        for row in rows {
            states[row["id"]!] = StoredState(hash: row["content_hash"], isPlaceholder: row["is_placeholder"] == "t")
        }
        return states
    }

    private func copyLive(_ rows: [StagingBuffer.LiveRow], into table: String, withSeq: Bool) throws {
        try RowCopy(connection: connection, spec: spec).live(rows, into: table, withSeq: withSeq, withPlace: withSeq)
    }

    private func copyChildren(_ rows: [StagingBuffer.LiveRow], childIndex: Int, into table: String, withSeq: Bool) throws {
        try RowCopy(connection: connection, spec: spec).children(rows, childIndex: childIndex, into: table, withSeq: withSeq)
    }

    /// Records references to a resource that loads later in the run; the run adds placeholders
    /// at its end for those still missing, so a forward reference never makes a placeholder the
    /// real object must then replace.
    private func deferReferences(to target: Resource, ids: Set<String>) throws {
        if let forward {
            forward.add(ids, from: spec.resource, to: target)
            return
        }
        try connection.copyIn("COPY \(Self.forwardReferencesTable) (source, target, id) FROM STDIN") { writer in
            for id in ids {
                try writer.writeRow([spec.resource.rawValue, target.rawValue, id])
            }
        }
    }

    /// The parents that new rows reference and that the run does not know to exist, by resource.
    func placeholderCandidates(for rows: [StagingBuffer.LiveRow]) -> [Resource: Set<String>] {
        // Column by column, each id is looked up once in the ids the run knows (most are: their
        // rows loaded earlier), and only the unknown ones are collected.
        var wanted: [Resource: Set<String>] = [:]
        for (index, target) in referenceColumns {
            let unknown = known.unknown(rows.lazy.compactMap { $0.values[index] }, in: target)
            if !unknown.isEmpty { wanted[target, default: []].formUnion(unknown) }
        }
        for (childIndex, columns) in childReferenceColumns.enumerated() {
            for (index, target) in columns {
                let unknown = known.unknown(rows.lazy.flatMap { $0.children[childIndex] }.compactMap { $0[index] }, in: target)
                if !unknown.isEmpty { wanted[target, default: []].formUnion(unknown) }
            }
        }
        return wanted
    }

    /// Adds placeholder rows for the `wanted` parents that do not exist (references to resources
    /// loading later in the run are deferred to its end); returns how many were added.
    func createPlaceholders(_ wanted: [Resource: Set<String>]) throws -> Int {
        var created = 0
        for target in Resource.allCases {
            guard let ids = wanted[target], !ids.isEmpty else { continue }
            if target > spec.resource {
                try deferReferences(to: target, ids: ids)
                continue
            }
            defer { known.insert(ids, in: target) }
            created += try connection.query(
                PlaceholderSQL.insertMissing(into: target, candidates: "SELECT unnest($1::text[]) AS id", objectNameParameter: 2),
                [PGArray.literal(ids.sorted()), target.objectName]).scalar(Int.self) ?? 0
        }
        return created
    }

    // MARK: - Set-based finish for changed objects and deletions

    private func finish(file: String, summary: inout ResourceSummary) throws {
        // A dump may hold several copies of one object: the last one wins.
        let hasDuplicates = try connection.query(
            "SELECT EXISTS (SELECT 1 FROM \(mainStage) GROUP BY id HAVING count(*) > 1)").scalar(Bool.self) ?? false
        if hasDuplicates {
            try connection.query("""
                DELETE FROM \(mainStage) s USING \(mainStage) newer
                WHERE newer.id = s.id AND newer._seq > s._seq
                """)
            for child in spec.children {
                try connection.query("""
                    DELETE FROM \(childStage(child)) c
                    WHERE NOT EXISTS (SELECT 1 FROM \(mainStage) s WHERE s._seq = c._seq)
                    """)
            }
        }

        summary.placeholdersCreated += try createPlaceholders(stage: mainStage, columns: spec.columns)
        for child in spec.children {
            summary.placeholdersCreated += try createPlaceholders(stage: childStage(child), columns: child.columns)
        }

        var rejects: [StagingBuffer.RejectRow] = []
        do {
            _ = try connection.savepoint("apply_changes") { try applyChanges(seqs: nil) }
        } catch let error as PGError where Self.isRefusedValue(error) {
            // Some staged object is refused: apply them in halves until it is alone.
            let staged = try connection.query(
                "SELECT _seq, id, _line, _offset, raw::text AS raw FROM \(mainStage) ORDER BY _seq").rows
            let rows = try staged.map { row in
                StagedRow(seq: try row.require("_seq"), id: try row.require("id"), line: try row.require("_line"),
                          offset: try row.require("_offset"), raw: Array((row["raw"] ?? "").utf8))
            }
            _ = try isolatingRefused(rows, rejects: &rejects, where: { ($0.line, $0.offset, $0.id, $0.raw) }) { subset in
                try applyChanges(seqs: subset.map(\.seq))
            }
        }
        if let counts = try connection.query("""
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated,
                   (SELECT count(*) FROM \(mainStage)) AS staged
            FROM \(changedTable)
            """).first {
            let inserted: Int = try counts.require("inserted")
            let updated: Int = try counts.require("updated")
            summary.inserted += inserted
            summary.updated += updated
            summary.unchanged += try counts.require("staged") - inserted - updated - rejects.count
        }
        summary.childRows += try connection.query("SELECT \(childRowsWritten)").scalar(Int.self) ?? 0
        if !rejects.isEmpty {
            summary.rejected += rejects.count
            try writeRejects(rejects, file: file)
        }
        summary.deleted = try applyDeletions()
    }

    /// A staged changed object, as the finish needs it to reject it.
    private struct StagedRow {
        var seq: Int64
        var id: String
        var line: Int
        var offset: Int
        var raw: [UInt8]
    }

    /// Child rows written by `applyChanges`, summed in SQL over the changed parents.
    private var childRowsWritten: String {
        let counts = spec.children.map { child in
            "(SELECT count(*) FROM \(childStage(child)) c JOIN \(changedTable) ch ON ch.id = c.\(child.parentColumn))"
        }
        return counts.isEmpty ? "0" : counts.joined(separator: " + ")
    }

    /// Applies the staged changed objects (those with the given `_seq`s, or all): one upsert into
    /// the table, then their child rows are replaced; the ids written join `changedTable`.
    /// Returns 0 (the counts are read from `changedTable` once all are applied).
    private func applyChanges(seqs: [Int64]?) throws -> Int {
        let table = spec.resource.table
        let columns = spec.copyColumns
        let updates = columns.filter { $0 != "id" && $0 != "deleted" }.map { "\($0) = EXCLUDED.\($0)" }
        let filter = seqs == nil ? "" : "WHERE _seq = ANY($1::bigint[])"
        let parameters: [any PGBindable] = seqs.map { [PGArray.literal($0.map(String.init))] } ?? []
        try connection.query("TRUNCATE \(changedNowTable)")
        try connection.query("""
            WITH up AS (
                INSERT INTO \(table) AS t (\(columns.joined(separator: ", ")))
                SELECT \(columns.joined(separator: ", ")) FROM \(mainStage) \(filter)
                ON CONFLICT (id) DO UPDATE SET \(updates.joined(separator: ", ")),
                    deleted = (t.deleted AND NOT t.is_placeholder) OR EXCLUDED.deleted,
                    is_placeholder = false,
                    is_embedded = false,
                    ingested_at = now()
                WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR t.is_placeholder
                RETURNING t.id, (xmax = 0) AS inserted
            )
            INSERT INTO \(changedNowTable) (id, inserted) SELECT id, inserted FROM up
            """, parameters)
        for child in spec.children {
            try replaceChildren(child)
        }
        try connection.query("INSERT INTO \(changedTable) (id, inserted) SELECT id, inserted FROM \(changedNowTable)")
        return 0
    }

    /// Inserts a flagged placeholder row for every referenced id that its table lacks
    /// (references to resources loading later in the run are deferred to its end).
    private func createPlaceholders(stage: String, columns: [Column]) throws -> Int {
        var created = 0
        for column in columns {
            guard let target = column.referencedResource else { continue }
            if target > spec.resource {
                try connection.query("""
                    INSERT INTO \(Self.forwardReferencesTable) (source, target, id)
                    SELECT DISTINCT $1::text, $2::text, s.\(column.name) FROM \(stage) s WHERE s.\(column.name) IS NOT NULL
                    """, [spec.resource.rawValue, target.rawValue])
                continue
            }
            let candidates = "SELECT \(column.name) AS id FROM \(stage)"
            created += try connection.query(
                PlaceholderSQL.insertMissing(into: target, candidates: candidates, objectNameParameter: 1),
                [target.objectName]).scalar(Int.self) ?? 0
        }
        return created
    }

    /// Replaces the child rows of the parents the last `applyChanges` inserted or changed. A
    /// child id that another parent holds is refused (a unique violation), like on a first load.
    private func replaceChildren(_ child: ChildTableSpec) throws {
        try connection.query("""
            DELETE FROM \(child.table) c USING \(changedNowTable) ch
            WHERE c.\(child.parentColumn) = ch.id AND NOT ch.inserted
            """)
        let columns = child.copyColumns
        try connection.query("""
            INSERT INTO \(child.table) (\(columns.joined(separator: ", ")))
            SELECT \(columns.map { "c.\($0)" }.joined(separator: ", "))
            FROM \(childStage(child)) c JOIN \(changedNowTable) ch ON ch.id = c.\(child.parentColumn)
            """)
    }

    /// Marks rows named by deletion markers as deleted, inserting a row for ids never seen.
    private func applyDeletions() throws -> Int {
        let table = spec.resource.table
        let marked = try connection.query("""
            UPDATE \(table) t SET deleted = true, is_placeholder = false,
                raw = CASE WHEN t.is_placeholder THEN d.raw ELSE t.raw END,
                content_hash = CASE WHEN t.is_placeholder THEN d.content_hash ELSE t.content_hash END,
                ingested_at = now()
            FROM (SELECT DISTINCT ON (id) id, raw, content_hash FROM \(deletionStage) ORDER BY id, _seq DESC) d
            WHERE t.id = d.id AND (NOT t.deleted OR t.is_placeholder)
            """).affectedRows
        let inserted = try connection.query("""
            INSERT INTO \(table) (id, raw, content_hash, deleted, is_placeholder)
            SELECT DISTINCT ON (id) id, raw, content_hash, true, false FROM \(deletionStage) ORDER BY id, _seq DESC
            ON CONFLICT (id) DO NOTHING
            """).affectedRows
        return marked + inserted
    }
}

