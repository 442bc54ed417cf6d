import Postgres
import StripeSchema

/// Full objects found expanded inside others during a run (a charge's customer, a
/// subscription's `latest_invoice`, an item's `plan`), staged in temporary tables until the
/// run's end. Then each fills its own table's row where the table has no row of that id, or only
/// a placeholder, or an older embedded copy: a dump's own copy always wins, in this run or any
/// later one (the loader treats an embedded row like a placeholder), and the row says
/// `is_embedded`. Their references get placeholders like any other row's.
final class EmbeddedStage {
    private let connection: PGConnection
    /// Ids already staged per resource in this run: the first copy is kept.
    private var staged: [Resource: Set<String>] = [:]

    /// A stage on the run's connection; call `createTables()` before loading.
    init(connection: PGConnection) {
        self.connection = connection
    }

    private static func table(_ resource: Resource) -> String { "_embedded_\(resource.tableName)" }
    private static func childTable(_ child: ChildTableSpec) -> String { "_embedded_\(child.tableName)" }

    /// Creates the staging tables, outside any resource's savepoint so they outlive a rollback.
    func createTables() throws {
        var script = ""
        for resource in Resource.allCases {
            script += """
                CREATE TEMP TABLE \(Self.table(resource)) (LIKE \(resource.table) INCLUDING DEFAULTS) ON COMMIT DROP;
                ALTER TABLE \(Self.table(resource)) ADD COLUMN _seq bigint NOT NULL;

                """
            for child in ResourceSpec.of(resource).children {
                script += """
                    CREATE TEMP TABLE \(Self.childTable(child)) (LIKE \(child.table) INCLUDING DEFAULTS) ON COMMIT DROP;
                    ALTER TABLE \(Self.childTable(child)) ADD COLUMN _seq bigint NOT NULL;

                    """
            }
        }
        try connection.execute(script: script)
    }

    /// Copies the rows not staged yet into the staging tables; returns those the server refused
    /// (a value out of range), each found alone by splitting the rows that failed, as rejects
    /// at the place of the object that embeds them. The others are staged.
    func stage(_ rows: [StagingBuffer.EmbeddedRow]) throws -> [StagingBuffer.RejectRow] {
        var byResource: [Resource: [StagingBuffer.LiveRow]] = [:]
        for row in rows where staged[row.resource, default: []].insert(row.row.id).inserted {
            byResource[row.resource, default: []].append(row.row)
        }
        var refused: [StagingBuffer.RejectRow] = []
        for (resource, rows) in byResource {
            refused += try stage(rows, of: resource)
        }
        return refused
    }

    /// Stages `rows` of `resource` under a savepoint, splitting them in halves when the server
    /// refuses a value until the refused row is alone; returns the refused rows as rejects.
    private func stage(_ rows: [StagingBuffer.LiveRow], of resource: Resource) throws -> [StagingBuffer.RejectRow] {
        do {
            try connection.savepoint("embedded_stage") {
                let spec = ResourceSpec.of(resource)
                let copy = RowCopy(connection: connection, spec: spec)
                try copy.live(rows, into: Self.table(resource), withSeq: true)
                for (index, child) in spec.children.enumerated() {
                    try copy.children(rows, childIndex: index, into: Self.childTable(child), withSeq: true)
                }
            }
            return []
        } catch let error as PGError where ResourceLoader.isRefusedValue(error) {
            guard rows.count > 1 else {
                let row = rows[0]
                staged[resource]?.remove(row.id)
                let reason = "the \(resource.objectName) \(row.id) expanded inside the object on this line: "
                    + ResourceLoader.refusalReason(error, objectID: row.id)
                return [.init(line: row.line, offset: row.offset, objectID: row.id, reason: reason, raw: row.raw)]
            }
            let middle = rows.count / 2
            return try stage(Array(rows[..<middle]), of: resource) + stage(Array(rows[middle...]), of: resource)
        }
    }

    /// The ids staged so far, to `restore` after a rollback to this point.
    func stagedIDs() -> [Resource: Set<String>] {
        staged
    }

    /// Returns to the ids `stagedIDs` gave: a rollback took the rows staged since with it.
    func restore(stagedIDs: [Resource: Set<String>]) {
        staged = stagedIDs
    }

    /// Forgets what was staged: a resource's rollback took its staged rows with it.
    func forgetStaged() {
        staged.removeAll()
    }

    /// What filling the tables did per resource: rows added, or why the resource's embedded
    /// objects could not be added (rolled back alone; the run goes on without them).
    struct Outcome {
        var added: [Resource: Int] = [:]
        var failed: [Resource: String] = [:]
    }

    /// Fills the tables from the staged objects, each resource under a savepoint, and records
    /// their references in `forwardReferences` (source, target, id) for the end-of-run placeholders.
    func finish(forwardReferences: String) -> Outcome {
        var outcome = Outcome()
        for resource in LoadOrder.resources where staged[resource]?.isEmpty == false {
            do {
                outcome.added[resource] = try connection.savepoint("embedded_load") {
                    try finish(resource, forwardReferences: forwardReferences)
                }
            } catch {
                outcome.failed[resource] = "\(error)"
            }
        }
        return outcome
    }

    private func finish(_ resource: Resource, forwardReferences: String) throws -> Int {
        let spec = ResourceSpec.of(resource)
        let columns = spec.copyColumns
        try connection.execute(script: """
            DROP TABLE IF EXISTS _embedded_pick, _embedded_new;
            CREATE TEMP TABLE _embedded_pick AS SELECT DISTINCT ON (id) * FROM \(Self.table(resource)) ORDER BY id, _seq;
            CREATE TEMP TABLE _embedded_new (id text PRIMARY KEY);
            DELETE FROM \(resource.table) t USING _embedded_pick e
            WHERE t.id = e.id AND (t.is_placeholder OR (t.is_embedded AND t.content_hash IS DISTINCT FROM e.content_hash));
            """)
        let inserted = try connection.query("""
            WITH ins AS (
                INSERT INTO \(resource.table) (\(columns.joined(separator: ", ")), is_embedded)
                SELECT \(columns.map { "e.\($0)" }.joined(separator: ", ")), true FROM _embedded_pick e
                WHERE NOT EXISTS (SELECT 1 FROM \(resource.table) t WHERE t.id = e.id)
                ON CONFLICT (id) DO NOTHING
                RETURNING id
            )
            INSERT INTO _embedded_new SELECT id FROM ins
            """).affectedRows
        for child in spec.children {
            let childColumns = child.copyColumns
            try connection.query("""
                INSERT INTO \(child.table) (\(childColumns.joined(separator: ", ")))
                SELECT \(childColumns.map { "c.\($0)" }.joined(separator: ", ")) FROM \(Self.childTable(child)) c
                JOIN _embedded_pick e ON e.id = c.\(child.parentColumn) AND e._seq = c._seq
                JOIN _embedded_new n ON n.id = e.id
                ON CONFLICT DO NOTHING
                """)
        }
        try recordReferences(spec, forwardReferences: forwardReferences)
        try connection.execute(script: "DROP TABLE _embedded_pick, _embedded_new;")
        return inserted
    }

    /// The references of the rows just added, for the end-of-run placeholders.
    private func recordReferences(_ spec: ResourceSpec, forwardReferences: String) throws {
        for column in spec.columns {
            guard let target = column.referencedResource else { continue }
            try connection.query("""
                INSERT INTO \(forwardReferences) (source, target, id)
                SELECT $1::text, $2::text, e.\(column.name) FROM _embedded_pick e JOIN _embedded_new n ON n.id = e.id
                WHERE e.\(column.name) IS NOT NULL
                """, [spec.resource.rawValue, target.rawValue])
        }
        for child in spec.children {
            for column in child.columns {
                guard let target = column.referencedResource else { continue }
                try connection.query("""
                    INSERT INTO \(forwardReferences) (source, target, id)
                    SELECT $1::text, $2::text, c.\(column.name) FROM \(Self.childTable(child)) c
                    JOIN _embedded_new n ON n.id = c.\(child.parentColumn)
                    WHERE c.\(column.name) IS NOT NULL
                    """, [spec.resource.rawValue, target.rawValue])
            }
        }
    }
}
