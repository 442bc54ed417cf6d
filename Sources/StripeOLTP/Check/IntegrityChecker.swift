import Foundation
import Postgres
import StripeJSON
import StripeSchema

/// Compares a folder of dumps with the database and reports every gap.
///
/// Each dump is streamed once: per object the client sends only its id, a digest of its
/// canonical JSON and a digest of its typed column values (and the same for child rows) into
/// temporary tables; all comparisons then run set-wise in the database against `md5(raw::text)`
/// and the stored columns. Memory stays bounded whatever the dump size.
public final class IntegrityChecker: @unchecked Sendable {
    private let connection: PGConnection
    private let sampleSize: Int
    private let batchSize = 5000
    private let maxObjectSize: Int

    /// Creates a checker; `sampleSize` ids are listed per finding. Dump objects over
    /// `maxObjectSize` bytes (which ingest rejects) are compared by id only.
    public init(connection: PGConnection, sampleSize: Int = 10, maxObjectSize: Int = DumpReader.defaultMaxObjectSize) {
        precondition(sampleSize > 0, "sample size must be positive")
        self.connection = connection
        self.sampleSize = sampleSize
        self.maxObjectSize = maxObjectSize
    }

    /// Checks `resources` of `directory` and the database-wide rules. With `helper` (a checker on
    /// a second connection to the same database), the resources are shared between the two and
    /// checked concurrently, so one's comparisons in the server overlap the other's digesting.
    /// Throws `LoaderError.dumpFile` naming a missing or unreadable file (or one that is not a
    /// regular file, such as a FIFO) before checking anything, except for a resource whose file
    /// dumps may lack (`dumpFileOptional`): its absent file counts as empty.
    public func check(directory: DumpDirectory, resources: [Resource] = LoadOrder.resources,
                      helper: IntegrityChecker? = nil) throws -> CheckReport {
        let started = Date()
        var files: [(Resource, String)] = []
        for resource in resources {
            guard let file = directory.file(for: resource) else {
                let expected = (directory.path as NSString).appendingPathComponent(resource.fileName)
                // A folder dumped before the resource was fetched has no file for it: it holds none.
                if ResourceSpec.of(resource).dumpFileOptional {
                    files.append((resource, expected))
                    continue
                }
                throw LoaderError.dumpFile(file: expected, reason: "is missing; the check needs one dump file per resource")
            }
            _ = try DumpReader(path: file)  // opens it: refuses a FIFO or device before anything runs
            files.append((resource, file))
        }
        // A dump from an incremental fetch holds only what changed.
        let partial = (try? FetchManifest.read(directory: directory.path))??.mode == "incremental"
        var results: [ResourceCheck]
        if let helper {
            // Biggest files first, each to the less loaded checker.
            var mine: [(Resource, String)] = [], theirs: [(Resource, String)] = []
            var myBytes = 0, theirBytes = 0
            let sized = files.map { (entry: $0, bytes: Self.size($0.1)) }.sorted { $0.bytes > $1.bytes }
            for (entry, bytes) in sized {
                if myBytes <= theirBytes { mine.append(entry); myBytes += bytes } else {
                    theirs.append(entry); theirBytes += bytes
                }
            }
            let other = HelperRun()
            let assigned = theirs
            let thread = Thread { other.finish(Result { try helper.checkResources(assigned, partial: partial) }) }
            thread.start()
            let own = Result { try checkResources(mine, partial: partial) }
            let theirResults = try other.wait().get()
            results = try own.get() + theirResults
            results.sort { $0.resource < $1.resource }
        } else {
            results = try checkResources(files, partial: partial)
        }
        let rules = try referenceRules() + placeholderRules() + invariantRules() + childCompletenessRules() + vocabularyRules()
        return CheckReport(resources: results, rules: rules, seconds: Date().timeIntervalSince(started))
    }

    /// Checks each `(resource, file)` on this checker's connection.
    private func checkResources(_ files: [(Resource, String)], partial: Bool) throws -> [ResourceCheck] {
        try connection.execute(script: "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY';")
        return try files.map { try check(resource: $0.0, file: $0.1, partial: partial) }
    }

    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The outcome of the helper checker's thread, waited for by the caller.
    private final class HelperRun: @unchecked Sendable {
        private let condition = NSCondition()
        private var outcome: Result<[ResourceCheck], any Error>?

        func finish(_ result: Result<[ResourceCheck], any Error>) {
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }

        func wait() -> Result<[ResourceCheck], any Error> {
            condition.lock()
            defer { condition.unlock() }
            while outcome == nil { condition.wait() }
            return outcome!
        }
    }

    // MARK: - One resource

    private func check(resource: Resource, file: String, partial: Bool) throws -> ResourceCheck {
        let spec = ResourceSpec.of(resource)
        var result = ResourceCheck(resource: resource, file: file)
        result.dumpIsPartial = partial
        try createScratchTables(spec)
        if !spec.dumpFileOptional || FileManager.default.fileExists(atPath: file) {
            try loadDigests(spec, file: file)
        }
        try connection.execute(script: """
            CREATE TEMP TABLE _check_last AS SELECT DISTINCT ON (id) * FROM _check_obj ORDER BY id, seq DESC;
            CREATE INDEX ON _check_last (id);
            ANALYZE _check_last;
            """)
        let table = resource.table
        let counts = try connection.query("""
            SELECT (SELECT count(*) FROM _check_last) AS dump_objects,
                   (SELECT count(*) FROM _check_last WHERE deletion) AS dump_deletions,
                   (SELECT count(*) FROM \(table) WHERE NOT is_placeholder AND NOT is_embedded) AS table_rows,
                   (SELECT count(*) FROM \(table) WHERE is_placeholder) AS placeholders,
                   (SELECT count(*) FROM \(table) WHERE is_embedded) AS embedded
            """).first!
        result.dumpObjects = try counts.require("dump_objects")
        result.dumpDeletions = try counts.require("dump_deletions")
        result.tableRows = try counts.require("table_rows")
        result.placeholders = try counts.require("placeholders")
        result.embedded = try counts.require("embedded")

        result.missing = try sample("""
            SELECT c.id FROM _check_last c WHERE NOT EXISTS (SELECT 1 FROM \(table) t WHERE t.id = c.id)
            """)
        result.placeholdersInDump = try sample("""
            SELECT c.id FROM _check_last c JOIN \(table) t ON t.id = c.id WHERE t.is_placeholder OR t.is_embedded
            """)
        result.notMarkedDeleted = try sample("""
            SELECT c.id FROM _check_last c JOIN \(table) t ON t.id = c.id WHERE (c.deletion OR c.state_deleted) AND NOT t.deleted
            """)
        result.liveMarkedDeleted = try sample("""
            SELECT c.id FROM _check_last c JOIN \(table) t ON t.id = c.id WHERE NOT c.deletion AND NOT c.state_deleted AND t.deleted
            """)
        result.deletedContentDiffers = try sample(deletedContentSQL(table: table))
        if !partial {
            result.extra = try sample("""
                SELECT t.id FROM \(table) t
                WHERE NOT t.is_placeholder AND NOT t.is_embedded AND NOT t.deleted
                  AND NOT EXISTS (SELECT 1 FROM _check_last c WHERE c.id = t.id)
                """)
        }
        result.contentDiffers = try sample("""
            SELECT c.id FROM _check_last c JOIN \(table) t ON t.id = c.id
            WHERE NOT c.deletion AND NOT t.is_placeholder
              AND (c.raw_md5 <> md5(t.raw::text)
                   OR c.cols_md5 IS DISTINCT FROM \(ColumnDigest.sql(columns: spec.columns, alias: "t", replacing: Self.filledColumns(spec))))
            """)
        for (index, child) in spec.children.enumerated() {
            let differing = try sample("""
                WITH dump AS (
                    SELECT k.parent_id, k.id, k.position, k.cols_md5 FROM _check_child_\(index) k
                    JOIN _check_last c ON c.id = k.parent_id AND c.seq = k.seq AND NOT c.deletion
                ), parents AS (
                    SELECT c.id FROM _check_last c JOIN \(table) t ON t.id = c.id
                    WHERE NOT c.deletion AND NOT t.is_placeholder
                ), stored AS (
                    SELECT s.\(child.parentColumn) AS parent_id, s.id, s.position,
                           \(ColumnDigest.sql(columns: child.columns, alias: "s")) AS cols_md5
                    FROM \(child.table) s JOIN parents p ON p.id = s.\(child.parentColumn)
                )
                SELECT DISTINCT coalesce(d.parent_id, s.parent_id) AS id
                FROM (SELECT * FROM dump WHERE parent_id IN (SELECT id FROM parents)) d
                FULL JOIN stored s ON s.parent_id = d.parent_id AND s.id = d.id
                WHERE d.id IS NULL OR s.id IS NULL OR d.position <> s.position OR d.cols_md5 <> s.cols_md5
                """)
            if result.childrenDiffer.isEmpty { result.childrenDiffer = differing } else {
                result.childrenDiffer.total += differing.total
                result.childrenDiffer.first = Array((result.childrenDiffer.first + differing.first).sorted().prefix(sampleSize))
            }
        }
        if !result.contentDiffers.isEmpty {
            result.differences = try describeDifferences(spec, file: file, ids: Array(result.contentDiffers.first.prefix(5)))
        }
        try connection.execute(script: "DROP TABLE IF EXISTS _check_last;")
        return result
    }

    /// Deletion-marked rows whose `raw` is not what the dump implies. Ingest keeps a row's content
    /// when a marker deletes it: the newest live copy of the dump before the marker, if it holds one
    /// (one that transforms; a rejected copy never reached the table); else the row keeps what an
    /// earlier load wrote, unless it was loaded from the marker itself (new or a placeholder), which
    /// its `content_hash` (the SHA-256 of the bytes loaded) tells — then `raw` is the marker.
    private func deletedContentSQL(table: String) -> String {
        """
        WITH prior AS (
            SELECT DISTINCT ON (o.id) o.id, o.raw_md5 FROM _check_obj o
            WHERE NOT o.deletion AND o.cols_md5 IS NOT NULL AND o.id IN (SELECT id FROM _check_last WHERE deletion)
            ORDER BY o.id, o.seq DESC
        )
        SELECT c.id FROM _check_last c JOIN \(table) t ON t.id = c.id LEFT JOIN prior p ON p.id = c.id
        WHERE c.deletion AND t.deleted AND NOT t.is_placeholder
          AND md5(t.raw::text) <> coalesce(p.raw_md5,
                CASE WHEN t.content_hash = decode(c.bytes_sha256, 'hex') THEN c.raw_md5 END)
        """
    }

    /// For each column another resource may fill (`ColumnFill`), the expression to digest in
    /// its place: where the dump's object leaves the column empty (`c.unfilled` says so, one
    /// `t`/`f` per fill), the stored value must be the one the fill gives, and then counts as
    /// empty; where the object has a value, the stored column is compared as usual.
    static func filledColumns(_ spec: ResourceSpec) -> [String: String] {
        var replacing: [String: String] = [:]
        for (index, entry) in ResourceSpec.fills(into: spec.resource).enumerated() {
            let column = "t.\(entry.fill.column)"
            let filled = entry.fill.valueSQL(from: entry.source, targetAlias: "t")
            replacing[entry.fill.column] = """
                CASE WHEN substr(c.unfilled, \(index + 1), 1) = 't'
                     THEN CASE WHEN \(column) IS NOT DISTINCT FROM \(filled) THEN NULL ELSE coalesce(\(column), '') END
                     ELSE \(column) END
                """
        }
        return replacing
    }

    /// The positions in `spec.columns` of the columns other resources may fill, in fill order.
    static func fillIndexes(_ spec: ResourceSpec) -> [Int] {
        ResourceSpec.fills(into: spec.resource).map { entry in
            guard let index = spec.columns.firstIndex(where: { $0.name == entry.fill.column }) else {
                preconditionFailure("\(entry.source.rawValue) fills \(spec.resource.rawValue).\(entry.fill.column), which the catalog lacks")
            }
            return index
        }
    }

    private func createScratchTables(_ spec: ResourceSpec) throws {
        var script = """
            DROP TABLE IF EXISTS _check_obj, _check_last;
            CREATE TEMP TABLE _check_obj (id text NOT NULL, seq bigint NOT NULL, deletion boolean NOT NULL,
                raw_md5 text NOT NULL, cols_md5 text, bytes_sha256 text, state_deleted boolean NOT NULL DEFAULT false,
                unfilled text);

            """
        for index in 0..<2 {
            script += "DROP TABLE IF EXISTS _check_child_\(index);\n"
        }
        for index in spec.children.indices {
            script += """
                CREATE TEMP TABLE _check_child_\(index) (parent_id text NOT NULL, id text NOT NULL,
                    position integer NOT NULL, cols_md5 text NOT NULL, seq bigint NOT NULL);

                """
        }
        try connection.execute(script: script)
    }

    /// Per-slice outcomes of a parallel digest, written by the slices and read after them.
    private final class SliceResults: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<[ObjectDigest], any Error>]

        init(count: Int) {
            results = Array(repeating: .success([]), count: count)
        }

        func set(_ index: Int, _ result: Result<[ObjectDigest], any Error>) {
            lock.lock()
            results[index] = result
            lock.unlock()
        }

        var all: [Result<[ObjectDigest], any Error>] {
            lock.lock()
            defer { lock.unlock() }
            return results
        }
    }

    private struct ObjectDigest: Sendable {
        var id: String
        var seq: Int64
        var deletion: Bool
        /// A full object whose state says Stripe deleted it (an invoice with status `deleted`).
        var stateDeleted = false
        var rawMD5: String
        var columnsMD5: String?
        /// The SHA-256 (hex) of a deletion marker's bytes, as ingest stores it in `content_hash`.
        var bytesSHA256: String?
        /// Per fillable column, `t` when the object leaves it empty.
        var unfilled: String?
        var children: [[(id: String, position: String, digest: String)]]
    }

    /// Streams the dump and copies one digest row per object (and per child) into scratch tables.
    /// Digesting (parse, canonical form, transform, MD5) runs on every core, a batch at a time.
    private func loadDigests(_ spec: ResourceSpec, file: String) throws {
        let reader = try DumpReader(path: file, maxObjectSize: maxObjectSize)
        var pending: [DumpObject] = []
        var firstSeq: Int64 = 1
        var seq: Int64 = 0
        try reader.forEach(deliveringOversized: true) { object in
            seq += 1
            pending.append(object)
            if pending.count >= batchSize {
                try copy(try digests(pending, firstSeq: firstSeq, spec: spec, file: file), childTables: spec.children.count)
                pending.removeAll(keepingCapacity: true)
                firstSeq = seq + 1
            }
        }
        try copy(try digests(pending, firstSeq: firstSeq, spec: spec, file: file), childTables: spec.children.count)
    }

    /// The digests of `objects` (numbered from `firstSeq`), computed in parallel slices; the first
    /// malformed object in file order is reported.
    private func digests(_ objects: [DumpObject], firstSeq: Int64, spec: ResourceSpec, file: String) throws -> [ObjectDigest] {
        guard !objects.isEmpty else { return [] }
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, objects.count / 64 + 1))
        let results = SliceResults(count: slices)
        let fillIndexes = Self.fillIndexes(spec)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (objects.count * slice / slices)..<(objects.count * (slice + 1) / slices)
            var out: [ObjectDigest] = []
            out.reserveCapacity(range.count)
            do {
                for index in range {
                    if let digest = try Self.digest(objects[index], seq: firstSeq + Int64(index), spec: spec,
                                                       fillIndexes: fillIndexes, file: file) {
                        out.append(digest)
                    }
                }
                results.set(slice, .success(out))
            } catch {
                results.set(slice, .failure(error))
            }
        }
        return try results.all.flatMap { try $0.get() }
    }

    /// One object's digest; nil for an object without a string id (ingest rejects those). Ids
    /// are made storable (a NUL becomes `\u0000`), so an object ingest rejected for one is
    /// reported missing instead of stopping the check; an oversized object, which ingest also
    /// rejects, has a digest no row matches.
    private static func digest(_ object: DumpObject, seq: Int64, spec: ResourceSpec, fillIndexes: [Int],
                               file: String) throws -> ObjectDigest? {
        if object.oversizedLength != nil {
            guard let id = RawText.leadingID(object.bytes) else { return nil }
            return ObjectDigest(id: RawText.storable(id), seq: seq, deletion: false, rawMD5: "oversized", columnsMD5: nil,
                                unfilled: nil, children: [])
        }
        let value: JSONValue
        switch Result(catching: { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(object.bytes) }) {
        case .success(let parsed): value = parsed
        case .failure(let error):
            throw LoaderError.malformedJSON(
                file: file, offset: object.byteOffset + error.offset,
                line: RawText.line(of: error.offset, in: object.bytes, startLine: object.line), reason: error.reason)
        }
        guard let id = value["id"]?.stringValue.map(RawText.storable), !Transformer.isAnonymousDeletion(value) else { return nil }
        let rawMD5 = ColumnDigest.md5Hex(CanonicalJSON.bytes(value))
        var digest = ObjectDigest(id: id, seq: seq, deletion: false, rawMD5: rawMD5, columnsMD5: nil, bytesSHA256: nil,
                                  unfilled: nil, children: [])
        if let transformed = try? Transformer.transform(value, spec: spec) {
            digest.deletion = transformed.isDeletion
            digest.stateDeleted = transformed.isDeleted
            if transformed.isDeletion { digest.bytesSHA256 = Digest.sha256Hex(object.bytes) }
            if !transformed.isDeletion {
                digest.columnsMD5 = ColumnDigest.client(values: transformed.values, columns: spec.columns)
                if !fillIndexes.isEmpty {
                    digest.unfilled = String(fillIndexes.map { transformed.values[$0] == nil ? "t" : "f" })
                }
                digest.children = zip(spec.children, transformed.childRows).map { child, rows in
                    rows.map { row in
                        (id: RawText.storable(row[1]!), position: row[2]!,
                         digest: ColumnDigest.client(values: Array(row[3...]), columns: child.columns))
                    }
                }
            }
        }
        return digest
    }

    private func copy(_ batch: [ObjectDigest], childTables: Int) throws {
        guard !batch.isEmpty else { return }
        try connection.copyIn("""
            COPY _check_obj (id, seq, deletion, raw_md5, cols_md5, bytes_sha256, state_deleted, unfilled) FROM STDIN
            """) { writer in
            for digest in batch {
                try writer.writeRow([digest.id, String(digest.seq), digest.deletion ? "t" : "f", digest.rawMD5, digest.columnsMD5,
                                     digest.bytesSHA256, digest.stateDeleted ? "t" : "f", digest.unfilled])
            }
        }
        for index in 0..<childTables where batch.contains(where: { $0.children.count > index && !$0.children[index].isEmpty }) {
            try connection.copyIn("COPY _check_child_\(index) (parent_id, id, position, cols_md5, seq) FROM STDIN") { writer in
                for digest in batch where digest.children.count > index {
                    for child in digest.children[index] {
                        try writer.writeRow([digest.id, child.id, child.position, child.digest, String(digest.seq)])
                    }
                }
            }
        }
    }

    private func sample(_ sql: String) throws -> IDSample {
        let row = try connection.query("""
            WITH found AS (\(sql))
            SELECT (SELECT count(*) FROM found) AS total,
                   (SELECT array_to_string(array_agg(id ORDER BY id), chr(31)) FROM (SELECT id FROM found ORDER BY id LIMIT \(sampleSize)) f) AS first
            """).first!
        let total: Int = try row.require("total")
        let first = row["first"].map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
        return IDSample(total: total, first: first)
    }

    /// For a few differing ids, names the top-level fields and typed columns that differ.
    private func describeDifferences(_ spec: ResourceSpec, file: String, ids: [String]) throws -> [ContentDifference] {
        let wanted = Set(ids)
        var dumped: [String: JSONValue] = [:]
        try DumpReader(path: file, maxObjectSize: maxObjectSize).forEach(deliveringOversized: true) { object in
            guard object.oversizedLength == nil, let value = try? JSONParser.parse(object.bytes), let id = value["id"]?.stringValue, wanted.contains(id) else { return }
            dumped[id] = value
        }
        let columnList = spec.columns.map { column -> String in
            if case .boolean = column.kind { return "CASE WHEN \(column.name) THEN 't' WHEN NOT \(column.name) THEN 'f' END AS \(column.name)" }
            return "\(column.name)::text AS \(column.name)"
        }.joined(separator: ", ")
        // What each fillable column would be filled with, to accept it where the dump leaves it empty.
        let fills = ResourceSpec.fills(into: spec.resource)
        let fillList = fills.enumerated().map { index, entry in
            ", \(entry.fill.valueSQL(from: entry.source, targetAlias: "t")) AS _filled_\(index)"
        }.joined()
        let rows = try connection.query(
            "SELECT id, raw::text AS raw, \(columnList)\(fillList) FROM \(spec.resource.table) t WHERE id = ANY($1::text[]) ORDER BY id",
            [PGArray.literal(ids)]).rows
        var differences: [ContentDifference] = []
        for row in rows {
            guard let id = row["id"], let dump = dumped[id], let storedText = row["raw"],
                let stored = try? JSONParser.parse(storedText)
            else { continue }
            var fields: [String] = []
            let keys = Set((dump.objectValue?.keys ?? []) + (stored.objectValue?.keys ?? [])).sorted()
            for key in keys where dump[key].map(CanonicalJSON.text) != stored[key].map(CanonicalJSON.text) {
                fields.append(key)
            }
            if let transformed = try? Transformer.transform(dump, spec: spec), !transformed.isDeletion {
                for (column, value) in zip(spec.columns, transformed.values) {
                    let expected = value.flatMap { text -> String? in
                        if case .json = column.kind, let parsed = try? JSONParser.parse(text) { return CanonicalJSON.text(parsed) }
                        return text
                    }
                    var wanted = expected
                    if expected == nil, let fill = fills.firstIndex(where: { $0.fill.column == column.name }) {
                        wanted = row["_filled_\(fill)"]  // the dump leaves it empty: the fill gives it
                    }
                    if wanted != row[column.name] { fields.append("column:\(column.name)") }
                }
            }
            differences.append(ContentDifference(id: id, fields: fields))
        }
        return differences
    }

    // MARK: - Database-wide rules

    private func referenceRules() throws -> [RuleCheck] {
        var rules: [RuleCheck] = []
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            for column in spec.columns {
                guard let target = column.referencedResource else { continue }
                rules.append(RuleCheck(kind: .reference, name: "\(resource.rawValue).\(column.name) → \(target.rawValue)", violations: try sample("""
                    SELECT t.id FROM \(resource.table) t
                    WHERE t.\(column.name) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(target.table) p WHERE p.id = t.\(column.name))
                    """)))
            }
            for child in spec.children {
                rules.append(RuleCheck(kind: .reference, name: "\(child.tableName).\(child.parentColumn) → \(resource.rawValue)", violations: try sample("""
                    SELECT s.\(child.parentColumn) || '/' || s.id AS id FROM \(child.table) s
                    WHERE NOT EXISTS (SELECT 1 FROM \(resource.table) p WHERE p.id = s.\(child.parentColumn))
                    """)))
                for column in child.columns {
                    guard let target = column.referencedResource else { continue }
                    rules.append(RuleCheck(kind: .reference, name: "\(child.tableName).\(column.name) → \(target.rawValue)", violations: try sample("""
                        SELECT s.\(child.parentColumn) || '/' || s.id AS id FROM \(child.table) s
                        WHERE s.\(column.name) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(target.table) p WHERE p.id = s.\(column.name))
                        """)))
                }
            }
        }
        return rules
    }

    private func placeholderRules() throws -> [RuleCheck] {
        var referencing: [Resource: [(table: String, column: String)]] = [:]
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            for column in spec.columns { if let target = column.referencedResource { referencing[target, default: []].append((resource.table, column.name)) } }
            for child in spec.children {
                for column in child.columns { if let target = column.referencedResource { referencing[target, default: []].append((child.table, column.name)) } }
            }
        }
        return try Resource.allCases.map { resource in
            let conditions = (referencing[resource] ?? []).map { ref in
                "NOT EXISTS (SELECT 1 FROM \(ref.table) r WHERE r.\(ref.column) = p.id)"
            }
            let unreferenced = conditions.isEmpty ? "true" : conditions.joined(separator: " AND ")
            return RuleCheck(kind: .placeholder, name: "every \(resource.objectName) placeholder is referenced", violations: try sample("""
                SELECT p.id FROM \(resource.table) p WHERE p.is_placeholder AND \(unreferenced)
                """))
        }
    }

    /// One warning rule per text column with documented values: rows holding any other value
    /// (Stripe added a value, or an older API version used one), so a user learns of it.
    private func vocabularyRules() throws -> [RuleCheck] {
        var rules: [RuleCheck] = []
        func add(table: String, label: String, column: Column, idExpression: String) throws {
            guard let documented = column.kind.documentedValues else { return }
            let list = documented.sorted().map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
            rules.append(RuleCheck(
                kind: .vocabulary, name: "\(label).\(column.name) is one of \(documented.sorted().joined(separator: ", "))",
                violations: try sample("""
                    SELECT \(idExpression) AS id FROM \(table) s WHERE s.\(column.name) IS NOT NULL AND s.\(column.name) NOT IN (\(list))
                    """)))
        }
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            for column in spec.columns {
                try add(table: resource.table, label: resource.rawValue, column: column, idExpression: "s.id")
            }
            for child in spec.children {
                for column in child.columns {
                    try add(table: child.table, label: child.tableName, column: column,
                            idExpression: "s.\(child.parentColumn) || '/' || s.id")
                }
            }
        }
        return rules
    }

    /// The rule that a charge's refunds (neither failed nor canceled) add up to its
    /// `amount_refunded`, checked only where all of them are present: at least one is loaded and
    /// the charge's embedded refund list, if any, says no more exist than are loaded.
    public static let refundsSumRule = "refunds of a charge sum to its amount_refunded (all its refunds present)"
    /// The rule that a balance transaction's `net` is its `amount` less its `fee`.
    public static let balanceNetRule = "balance transaction net = amount − fee"
    /// The rule that a dispute is for no more than its charge (in the charge's currency).
    public static let disputeAmountRule = "dispute amount ≤ its charge's amount"
    /// The name of the credit note total invariant.
    public static let creditNoteTotalRule = "credit note total = sum of its line amounts − discount_amount + amount_shipping + exclusive taxes (complete lines)"

    /// Credit notes whose `total` is not what Stripe documents it to be: the lines' `amount`
    /// (gross, excluding exclusive tax and discounts), less the credited `discount_amount`, plus
    /// `amount_shipping` and the exclusive taxes (`total_taxes` with `tax_behavior` exclusive
    /// from 2025-03-31.basil, `tax_amounts` not `inclusive` before). Only complete line lists count.
    public static let creditNoteTotalSQL = """
        SELECT n.id FROM stripe.credit_notes n
        WHERE NOT n.is_placeholder AND n.total IS NOT NULL
          AND n.raw->'lines'->>'has_more' = 'false'
          AND n.total <> coalesce((SELECT sum(l.amount) FROM stripe.credit_note_lines l WHERE l.credit_note_id = n.id), 0)
                - coalesce(n.discount_amount, 0) + coalesce(n.amount_shipping, 0)
                + CASE WHEN jsonb_typeof(n.raw->'total_taxes') = 'array'
                       THEN (SELECT coalesce(sum((t->>'amount')::numeric), 0) FROM jsonb_array_elements(n.raw->'total_taxes') t
                             WHERE t->>'tax_behavior' = 'exclusive')
                       WHEN jsonb_typeof(n.raw->'tax_amounts') = 'array'
                       THEN (SELECT coalesce(sum((t->>'amount')::numeric), 0) FROM jsonb_array_elements(n.raw->'tax_amounts') t
                             WHERE t->>'inclusive' = 'false')
                       ELSE 0 END
        """

    /// One warning rule per child table: parents whose child list is not whole in the database —
    /// an embedded list that still says `has_more` (fetch pages the rest), or a list the parent
    /// carries only on request (a checkout session's `line_items`) that is absent from `raw`.
    private func childCompletenessRules() throws -> [RuleCheck] {
        var rules: [RuleCheck] = []
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            for child in spec.children {
                let member = "t.raw->'\(child.listKey)'"
                let absent = child.isIncludableOnly ? " OR jsonb_typeof(\(member)) IS DISTINCT FROM 'object'" : ""
                rules.append(RuleCheck(kind: .invariant, name: Self.childCompletenessRule(child), violations: try sample("""
                    SELECT t.id FROM \(resource.table) t
                    WHERE NOT t.is_placeholder AND NOT t.is_embedded AND NOT t.deleted AND (\(member)->>'has_more' = 'true'\(absent))
                    """)))
            }
        }
        return rules
    }

    /// The name of the completeness rule of `child` (`credit_note_lines are complete …`).
    public static func childCompletenessRule(_ child: ChildTableSpec) -> String {
        child.isIncludableOnly
            ? "\(child.tableName) are complete: every parent holds its whole \(child.listKey) list (fetch adds it)"
            : "\(child.tableName) are complete: no parent's \(child.listKey) list says has_more"
    }

    private func invariantRules() throws -> [RuleCheck] {
        let rules: [(String, String)] = [
            ("invoice amount_remaining = amount_due − amount_paid", """
                SELECT id FROM stripe.invoices WHERE NOT is_placeholder AND amount_remaining <> amount_due - amount_paid
                """),
            ("invoice subtotal = sum of its line amounts (complete lines, no discounts)", """
                SELECT i.id FROM stripe.invoices i
                WHERE NOT i.is_placeholder AND i.subtotal IS NOT NULL
                  AND i.raw->'lines'->>'has_more' = 'false'
                  AND coalesce(jsonb_array_length(i.raw->'total_discount_amounts'), 0) = 0
                  AND i.subtotal <> coalesce((SELECT sum(l.amount) FROM stripe.invoice_line_items l WHERE l.invoice_id = i.id), 0)
                """),
            ("charge amount_refunded ≤ amount", """
                SELECT id FROM stripe.charges WHERE amount_refunded > amount
                """),
            ("charge amount_captured ≤ amount", """
                SELECT id FROM stripe.charges WHERE amount_captured > amount
                """),
            ("charge refunded ⇔ fully refunded", """
                SELECT id FROM stripe.charges WHERE NOT is_placeholder AND refunded <> (amount_refunded = amount)
                """),
            ("subscription current_period_start ≤ current_period_end", """
                SELECT id FROM stripe.subscriptions WHERE current_period_start > current_period_end
                """),
            (Self.refundsSumRule, """
                SELECT c.id FROM stripe.charges c
                WHERE NOT c.is_placeholder AND c.amount_refunded IS NOT NULL
                  AND EXISTS (SELECT 1 FROM stripe.refunds r WHERE r.charge_id = c.id AND NOT r.is_placeholder)
                  AND coalesce(c.raw->'refunds'->>'has_more', 'false') = 'false'
                  AND coalesce((c.raw->'refunds'->>'total_count')::bigint, 0)
                      <= (SELECT count(*) FROM stripe.refunds r WHERE r.charge_id = c.id AND NOT r.is_placeholder)
                  AND c.amount_refunded <> (SELECT coalesce(sum(r.amount), 0) FROM stripe.refunds r
                      WHERE r.charge_id = c.id AND NOT r.is_placeholder AND NOT r.deleted
                        AND coalesce(r.status, 'succeeded') NOT IN ('failed', 'canceled'))
                """),
            (Self.balanceNetRule, """
                SELECT id FROM stripe.balance_transactions WHERE NOT is_placeholder AND net <> amount - fee
                """),
            (Self.disputeAmountRule, """
                SELECT d.id FROM stripe.disputes d JOIN stripe.charges c ON c.id = d.charge_id
                WHERE NOT d.is_placeholder AND NOT c.is_placeholder AND d.currency = c.currency AND d.amount > c.amount
                """),
            (Self.creditNoteTotalRule, Self.creditNoteTotalSQL),
        ]
        return try rules.map { name, sql in RuleCheck(kind: .invariant, name: name, violations: try sample(sql)) }
    }
}
