import Foundation
import Postgres

/// Loads one resource's dump file into its tables in a single transaction.
///
/// Objects stream from the file in batches: each batch is transformed on the client and
/// copied into temporary staging tables; then set-based statements create placeholders for
/// missing referenced objects, upsert the rows whose content changed (skipping unchanged ones by
/// content hash), replace the child rows of changed parents, and apply deletion markers.
/// Malformed JSON rolls the whole resource back; objects that cannot be transformed are
/// recorded in `stripe_oltp.ingest_rejects` and the rest load.
final class ResourceLoader {
    private let connection: PGConnection
    private let spec: ResourceSpec
    private let runID: Int64
    private let batchSize: Int
    private let progress: (Int) -> Void

    private var mainStage: String { "_stage_\(spec.resource.tableName)" }
    private func childStage(_ child: ChildTableSpec) -> String { "_stage_\(child.tableName)" }
    private let deletionStage = "_stage_deleted"
    private let changedTable = "_changed"

    init(connection: PGConnection, spec: ResourceSpec, runID: Int64, batchSize: Int = 2000, progress: @escaping (Int) -> Void) {
        self.connection = connection
        self.spec = spec
        self.runID = runID
        self.batchSize = batchSize
        self.progress = progress
    }

    /// Loads `file`; returns the counts. Throws (after rolling back) on malformed JSON or a
    /// database failure.
    func load(file: String) throws -> ResourceSummary {
        var summary = ResourceSummary(resource: spec.resource, file: file)
        let started = Date()
        try connection.transaction {
            try createStagingTables()
            try stream(file: file, summary: &summary)
            try finish(summary: &summary)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    // MARK: - Staging

    private func createStagingTables() throws {
        var script = """
            CREATE TEMP TABLE \(mainStage) (LIKE \(spec.resource.table) INCLUDING DEFAULTS) ON COMMIT DROP;
            ALTER TABLE \(mainStage) ADD COLUMN _seq bigint NOT NULL;
            CREATE TEMP TABLE \(deletionStage) (id text NOT NULL, raw jsonb NOT NULL, content_hash bytea, _seq bigint NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE \(changedTable) (id text PRIMARY KEY, inserted boolean NOT NULL) ON COMMIT DROP;

            """
        for child in spec.children {
            script += """
                CREATE TEMP TABLE \(childStage(child)) (LIKE \(child.table) INCLUDING DEFAULTS) ON COMMIT DROP;
                ALTER TABLE \(childStage(child)) ADD COLUMN _seq bigint NOT NULL;

                """
        }
        try connection.execute(script: script)
    }

    private func stream(file: String, summary: inout ResourceSummary) throws {
        let reader = try DumpReader(path: file)
        var buffer = StagingBuffer(childTables: spec.children.count)
        var seq: Int64 = 0
        try reader.forEach { object in
            seq += 1
            summary.read += 1
            try stage(object, seq: seq, file: file, into: &buffer)
            if buffer.objectCount >= batchSize {
                summary.rejected += buffer.rejects.count
                try flush(&buffer, file: file)
                progress(summary.read)
            }
        }
        summary.rejected += buffer.rejects.count
        try flush(&buffer, file: file)
        progress(summary.read)
    }

    private func stage(_ object: DumpObject, seq: Int64, file: String, into buffer: inout StagingBuffer) throws {
        let parsed: JSONValue?
        var parseError: JSONParseError?
        do {
            parsed = try JSONParser.parse(object.bytes)
        } catch {
            parsed = nil
            parseError = error
        }
        guard let value = parsed else {
            let error = parseError!
            let line = RawText.line(of: error.offset, in: object.bytes, startLine: object.line)
            throw LoaderError.malformedJSON(
                file: file, offset: object.byteOffset + error.offset, line: line, reason: error.reason)
        }
        do {
            if let problem = RawText.unstorableContent(object.bytes, value: value) {
                throw LoaderError.transform(objectID: value["id"]?.stringValue, field: problem.field, reason: problem.reason)
            }
            let transformed = try Transformer.transform(value, spec: spec)
            let hash = PGBytes.hex(Digest.sha256(object.bytes))
            if transformed.isDeletion {
                buffer.deletions.append(.init(id: transformed.id, raw: object.bytes, hash: hash, seq: seq))
                return
            }
            buffer.live.append(.init(values: [transformed.id] + transformed.values, raw: object.bytes, hash: hash, seq: seq))
            for (index, rows) in transformed.childRows.enumerated() {
                buffer.children[index].append(contentsOf: rows)
                buffer.childSeqs[index].append(contentsOf: repeatElement(seq, count: rows.count))
            }
        } catch let error as LoaderError {
            var objectID: String?
            if case .transform(let id, _, _) = error { objectID = id }
            buffer.rejects.append(.init(
                line: object.line, offset: object.byteOffset, objectID: objectID ?? value["id"]?.stringValue,
                reason: error.description, raw: object.bytes))
        }
    }

    private func flush(_ buffer: inout StagingBuffer, file: String) throws {
        if !buffer.live.isEmpty {
            let columns = spec.copyColumns + ["_seq"]
            try connection.copyIn("COPY \(mainStage) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
                for row in buffer.live {
                    for (index, value) in row.values.enumerated() {
                        if index > 0 { writer.appendSeparator() }
                        writer.appendField(value)
                    }
                    writer.appendSeparator()
                    row.raw.withUnsafeBufferPointer { writer.appendBytesField($0) }
                    writer.appendSeparator()
                    writer.appendField(row.hash)
                    writer.appendSeparator()
                    writer.appendField("f")
                    writer.appendSeparator()
                    writer.appendField(String(row.seq))
                    try writer.endRow()
                }
            }
        }
        for (index, child) in spec.children.enumerated() where !buffer.children[index].isEmpty {
            let columns = child.copyColumns + ["_seq"]
            let seqs = buffer.childSeqs[index]
            try connection.copyIn("COPY \(childStage(child)) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
                for (rowIndex, row) in buffer.children[index].enumerated() {
                    try writer.writeRow(row + [String(seqs[rowIndex])])
                }
            }
        }
        if !buffer.deletions.isEmpty {
            try connection.copyIn("COPY \(deletionStage) (id, raw, content_hash, _seq) FROM STDIN") { writer in
                for row in buffer.deletions {
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
        if !buffer.rejects.isEmpty {
            try connection.copyIn("""
                COPY stripe_oltp.ingest_rejects (run_id, resource, file, line, byte_offset, object_id, reason, raw_text) FROM STDIN
                """) { writer in
                for reject in buffer.rejects {
                    try writer.writeRow([
                        String(runID), spec.resource.rawValue, file, String(reject.line), String(reject.offset),
                        reject.objectID, reject.reason, RawText.displayable(reject.raw),
                    ])
                }
            }
        }
        buffer.removeAll()
    }

    // MARK: - Set-based finish

    private func finish(summary: inout ResourceSummary) throws {
        let table = spec.resource.table
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

        summary.placeholders += try createPlaceholders(stage: mainStage, columns: spec.columns)
        for child in spec.children {
            summary.placeholders += try createPlaceholders(stage: childStage(child), columns: child.columns)
        }

        summary.placeholdersReplaced = try connection.query("""
            SELECT count(*) FROM \(mainStage) s JOIN \(table) t ON t.id = s.id WHERE t.is_placeholder
            """).scalar(Int.self) ?? 0

        let columns = spec.copyColumns
        let updates = columns.filter { $0 != "id" && $0 != "deleted" }.map { "\($0) = EXCLUDED.\($0)" }
        try connection.query("""
            WITH up AS (
                INSERT INTO \(table) AS t (\(columns.joined(separator: ", ")))
                SELECT \(columns.joined(separator: ", ")) FROM \(mainStage)
                ON CONFLICT (id) DO UPDATE SET \(updates.joined(separator: ", ")),
                    deleted = t.deleted AND NOT t.is_placeholder,
                    is_placeholder = false,
                    ingested_at = now()
                WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR t.is_placeholder
                RETURNING t.id, (xmax = 0) AS inserted
            )
            INSERT INTO \(changedTable) (id, inserted) SELECT id, inserted FROM up
            """)
        if let counts = try connection.query("""
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated,
                   (SELECT count(*) FROM \(mainStage)) AS staged
            FROM \(changedTable)
            """).first {
            summary.inserted = try counts.require("inserted")
            summary.updated = try counts.require("updated")
            summary.unchanged = try counts.require("staged") - summary.inserted - summary.updated
        }

        for child in spec.children {
            summary.childRows += try replaceChildren(child)
        }
        summary.deleted = try applyDeletions()
    }

    /// Inserts a flagged placeholder row for every referenced id that its table lacks.
    private func createPlaceholders(stage: String, columns: [Column]) throws -> Int {
        var created = 0
        for column in columns {
            guard let target = column.referencedResource else { continue }
            created += try connection.query("""
                WITH missing AS (
                    SELECT DISTINCT s.\(column.name) AS id FROM \(stage) s
                    WHERE s.\(column.name) IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM \(target.table) t WHERE t.id = s.\(column.name))
                ), ins AS (
                    INSERT INTO \(target.table) (id, raw, deleted, is_placeholder)
                    SELECT id, jsonb_build_object('id', id, 'object', $1::text), true, true FROM missing
                    ON CONFLICT (id) DO NOTHING
                    RETURNING 1
                )
                SELECT count(*) FROM ins
                """, [target.objectName]).scalar(Int.self) ?? 0
        }
        return created
    }

    /// Replaces the child rows of every parent that was inserted or changed.
    private func replaceChildren(_ child: ChildTableSpec) throws -> Int {
        try connection.query("""
            DELETE FROM \(child.table) c USING \(changedTable) ch
            WHERE c.\(child.parentColumn) = ch.id AND NOT ch.inserted
            """)
        let columns = child.copyColumns
        let conflictKey = child.idIsGloballyUnique ? "id" : "\(child.parentColumn), id"
        let updates = columns.filter { $0 != "id" }.map { "\($0) = EXCLUDED.\($0)" }
        return try connection.query("""
            INSERT INTO \(child.table) (\(columns.joined(separator: ", ")))
            SELECT \(columns.map { "c.\($0)" }.joined(separator: ", "))
            FROM \(childStage(child)) c JOIN \(changedTable) ch ON ch.id = c.\(child.parentColumn)
            ON CONFLICT (\(conflictKey)) DO UPDATE SET \(updates.joined(separator: ", "))
            """).affectedRows
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
