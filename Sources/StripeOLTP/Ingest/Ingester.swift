import Foundation
import Logging
import Postgres
import StripeJSON
import StripeSchema

/// Runs ingest over one or more resources, in dependency order, recording the run.
///
/// The whole run holds an advisory lock, so two ingest runs against one database serialize.
/// The run is one transaction, so a crash or kill leaves the database as it was before the run,
/// and readers see a run's changes all at once; each resource loads under a savepoint, so a
/// failure (malformed file, database error) rolls that resource back and the run goes on with
/// the others. References to resources that load later (a payment intent's latest charge) get
/// placeholders only if still missing at the end, so they never churn. A first load into empty
/// tables builds indexes and checks foreign keys in bulk at the end (`BulkLoad`): only once
/// every input has been opened and found readable, and with a lock timeout, so a run never
/// makes readers wait long behind the exclusive locks it asks for. A run that takes the lock
/// marks earlier runs still recorded `running` as `interrupted`: no session holds them any more.
/// Columns one resource fills for another (`ColumnFill`) are filled once every resource has loaded.
/// Every object's `livemode` is checked against the mode the schema records (`LivemodeGuard`)
/// before its batch is written: one of the other mode stops the run, rolled back whole, with a
/// `LivemodeMismatchError` naming it; a run into a schema with no mode recorded records its own.
public final class Ingester {
    /// The advisory lock key every ingest run into schema `stripe` takes; another schema's runs take
    /// a key of their own (`SchemaName.advisoryLockKey`).
    public static let lockKey: Int64 = 0x5354_524F_4C54_5002

    /// The default wait for the first load's exclusive table locks, in seconds.
    public static let defaultLockTimeout = 10.0

    private let connection: PGConnection
    private let batchSize: Int
    private let maxObjectSize: Int
    private let lockTimeout: Double
    private let logger: Logger

    /// Creates an ingester on a migrated database. Objects over `maxObjectSize` bytes are
    /// rejected; the first load waits at most `lockTimeout` seconds for its exclusive locks.
    /// `logger` receives each resource's outcome (metadata `run_id`, `source`, `resource`, `outcome`).
    public init(connection: PGConnection, batchSize: Int = 2000, maxObjectSize: Int = DumpReader.defaultMaxObjectSize,
                lockTimeout: Double = Ingester.defaultLockTimeout, logger: Logger = .silent("stripe-oltp.ingest")) {
        precondition(batchSize > 0, "batch size must be positive")
        precondition(maxObjectSize > 0, "the object size limit must be positive")
        precondition(lockTimeout > 0, "the lock timeout must be positive")
        self.connection = connection
        self.batchSize = batchSize
        self.maxObjectSize = maxObjectSize
        self.lockTimeout = lockTimeout
        self.logger = logger
    }

    /// Marks every run still recorded `running` as `interrupted`; returns how many. Only
    /// correct while holding `lockKey`: then no other run is live, so none of them has a session.
    @discardableResult
    static func markInterruptedRuns(_ connection: PGConnection) throws -> Int {
        try connection.query("""
            UPDATE stripe_oltp.ingest_runs SET outcome = 'interrupted', finished_at = now(),
                error = 'interrupted: the run ended without finishing (its session is gone: killed or crashed); nothing of it was kept'
            WHERE outcome = 'running'
            """).affectedRows
    }

    /// Loads each `(resource, file)` pair in dependency order; a nil file is reported missing.
    /// `progress` receives how far each resource's file has been read (bytes of the file's size;
    /// objects, with no total, for a gzip file); `onResource` each summary
    /// as its resource finishes. `completeListings` names the resources the dumps list in full
    /// (a full fetch): placeholders left for those whose list omits deleted objects are marked
    /// deleted, since Stripe deleted them.
    ///
    /// With `dryRun` the whole run, its bookkeeping included, happens inside one transaction that
    /// is rolled back: the report holds the exact counts the run would have had (deferred
    /// constraints are checked as a commit would) and `dryRunRejects` the first rejected objects,
    /// and the database is left as it was. A dry run never takes the first-load fast path, so it
    /// locks no table against readers.
    public func run(
        _ inputs: [(Resource, String?)],
        source: String,
        completeListings: Set<Resource> = [],
        dryRun: Bool = false,
        progress: @escaping (WorkProgress) -> Void = { _ in },
        onResource: (ResourceSummary) -> Void = { _ in }
    ) throws -> IngestReport {
        let ordered = inputs.sorted { $0.0 < $1.0 }
        return try connection.withAdvisoryLock(SchemaName.bound(to: connection).advisoryLockKey(Ingester.lockKey)) {
            guard dryRun else {
                return try runLocked(ordered, source: source, completeListings: completeListings, dryRun: false,
                                     progress: progress, onResource: onResource)
            }
            try connection.query("BEGIN")
            defer { _ = try? connection.query("ROLLBACK") }
            var report = try runLocked(ordered, source: source, completeListings: completeListings, dryRun: true,
                                       progress: progress, onResource: onResource)
            report.dryRun = true
            report.dryRunRejects = try IngestReject.first(Ingester.dryRunRejectsKept, runID: report.runID, connection: connection)
            return report
        }
    }

    /// How many rejected objects a dry run's report keeps (the rest are rolled back with the run).
    public static let dryRunRejectsKept = 20

    /// The run, under the advisory lock; with `dryRun`, inside the caller's open transaction.
    private func runLocked(
        _ ordered: [(Resource, String?)], source: String, completeListings: Set<Resource>, dryRun: Bool,
        progress: @escaping (WorkProgress) -> Void, onResource: (ResourceSummary) -> Void
    ) throws -> IngestReport {
        let started = Date()
        let interrupted = try Ingester.markInterruptedRuns(connection)
        let unreadable = Ingester.unreadableInputs(ordered)
        var fastPathSkipped: String?
        guard let runID = try connection.query(
            "INSERT INTO stripe_oltp.ingest_runs (source) VALUES ($1) RETURNING id", [source]).scalar(Int64.self)
        else { preconditionFailure("INSERT … RETURNING gave no row") }
        var logger = self.logger
        logger[metadataKey: "run_id"] = "\(runID)"
        logger[metadataKey: "source"] = "\(source)"
        if !dryRun {
            // Outside the run's transaction, like the run's row: a killed run leaves its start behind.
            recordTelemetry("ingest.started", runID: runID, seconds: 0,
                            details: ["source": source, "resources": ordered.map(\.0.rawValue).joined(separator: ",")])
        }
        var summaries: [ResourceSummary] = []
        var phases: [IngestPhase] = []
        var phaseStarted = Date()
        /// Ends the phase running since `phaseStarted` and starts the next.
        func endPhase(_ name: String) {
            let now = Date()
            phases.append(IngestPhase(name: name, seconds: now.timeIntervalSince(phaseStarted)))
            phaseStarted = now
        }
        do {
            try runTransaction(dryRun: dryRun) {
                try connection.query("SET CONSTRAINTS ALL DEFERRED")
                try ResourceLoader.createForwardReferencesTable(on: connection)
                // Without the right to alter the tables (a role that does not own them), or when
                // another session holds a table past the lock timeout, load the usual way.
                let bulk: BulkLoad?
                (bulk, fastPathSkipped) = dryRun ? (nil, nil) : beginBulkLoad()
                let known = KnownIDs()
                let livemodeGuard = try LivemodeGuard(connection: connection)
                let embedded = EmbeddedStage(connection: connection)
                try embedded.createTables()
                let forward = ForwardReferences()
                let forwardTable = ResourceLoader.forwardReferencesTable
                for (resource, file) in ordered {
                    var summary: ResourceSummary
                    if let problem = unreadable[resource] {
                        summary = ResourceSummary(resource: resource, file: file)
                        summary.outcome = .failed
                        summary.error = problem
                    } else {
                        summary = try load(resource, file: file, runID: runID, known: known, embedded: embedded,
                                           forward: forward, startedEmpty: bulk != nil, livemodeGuard: livemodeGuard,
                                           progress: progress)
                    }
                    if summary.outcome == .loaded {
                        try forward.resolve(resource, unless: known, into: forwardTable, on: connection)
                    }
                    summaries.append(summary)
                    Ingester.log(summary, to: logger)
                    onResource(summary)
                }
                try forward.resolve(nil, unless: known, into: forwardTable, on: connection)
                endPhase("load files")
                let harvested = embedded.finish(forwardReferences: ResourceLoader.forwardReferencesTable)
                endPhase("embedded objects")
                let created = try Ingester.createForwardPlaceholders(on: connection)
                endPhase("placeholders for later resources")
                let filled = try Ingester.applyFills(after: summaries, harvested: Set(harvested.added.filter { $0.value > 0 }.keys), on: connection)
                for index in summaries.indices {
                    let resource = summaries[index].resource
                    summaries[index].placeholdersCreated += created[resource] ?? 0
                    summaries[index].embedded = harvested.added[resource] ?? 0
                    summaries[index].embeddedError = harvested.failed[resource].map { Secrets.redact($0) }
                    summaries[index].filled += filled[resource] ?? 0
                }
                try markUnlistedDeleted(completeListings, loaded: summaries)
                try livemodeGuard.recordIfNew(connection)
                endPhase("column fills")
                if let bulk {
                    try bulk.finish(connection)
                    endPhase("first load: indexes and foreign keys")
                }
            }
            endPhase(dryRun ? "constraint checks" : "commit")
        } catch let refused as LivemodeMismatchError {
            try recordRefusal(runID: runID, refused, started: started, dryRun: dryRun)
            throw refused
        } catch {
            // The run's commit failed: nothing of it was kept.
            let message = Secrets.redact("the run could not be committed, nothing was kept: \(error)")
            for index in summaries.indices where summaries[index].outcome == .loaded {
                summaries[index].outcome = .failed
                summaries[index].error = message
            }
            if summaries.isEmpty { throw error }
        }
        for index in summaries.indices {
            summaries[index].placeholders = try connection.query(
                "SELECT count(*) FROM \(summaries[index].resource.table) WHERE is_placeholder").scalar(Int.self) ?? 0
        }
        endPhase("placeholder counts")
        var report = IngestReport(runID: runID, resources: summaries, seconds: Date().timeIntervalSince(started))
        report.phases = phases
        report.interruptedRuns = interrupted
        report.fastPathSkipped = fastPathSkipped
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let summaryJSON = String(decoding: try encoder.encode(report.resources), as: UTF8.self)
        let errors = summaries.compactMap(\.error).joined(separator: "\n")
        try connection.query("""
            UPDATE stripe_oltp.ingest_runs SET finished_at = now(), outcome = $2, summary = $3::jsonb, error = $4
            WHERE id = $1
            """, [runID, report.outcome, summaryJSON, errors.isEmpty ? nil : errors])
        if !dryRun {
            for summary in report.resources where summary.outcome != .missing {
                recordTelemetry("upsert.completed", runID: runID, seconds: summary.seconds, details: summary)
            }
            recordTelemetry("ingest.completed", runID: runID, seconds: report.seconds,
                            details: IngestTelemetry(report: report, source: source))
        }
        return report
    }

    /// Records the run as failed because of `refused` (its transaction was rolled back, nothing
    /// of it was kept).
    private func recordRefusal(runID: Int64, _ refused: LivemodeMismatchError, started: Date, dryRun: Bool) throws {
        try connection.query(
            "UPDATE stripe_oltp.ingest_runs SET finished_at = now(), outcome = 'failed', error = $2 WHERE id = $1",
            [runID, refused.description])
        if !dryRun {
            recordTelemetry("ingest.completed", runID: runID, seconds: Date().timeIntervalSince(started),
                            details: ["outcome": "failed", "error": refused.description])
        }
    }

    /// Writes one telemetry event; a database without `stripe_oltp.event_log` (migration 0013 not
    /// applied yet) records none, and the run goes on.
    private func recordTelemetry(_ event: String, runID: Int64, seconds: Double, details: some Encodable) {
        _ = try? EventLog.record(event, runID: String(runID), seconds: seconds, details: details, connection: connection)
    }

    /// Runs `body` as the run's transaction; in a dry run, under a savepoint of the caller's
    /// transaction, ending with the deferred constraint checks a commit would make.
    private func runTransaction(dryRun: Bool, _ body: () throws -> Void) throws {
        guard dryRun else { return try connection.transaction(body) }
        try connection.savepoint("dry_run") {
            try body()
            try connection.query("SET CONSTRAINTS ALL IMMEDIATE")
        }
    }

    /// Opens every input file before any table lock is taken: an unreadable file (or a FIFO,
    /// which would block) fails its resource at once, not while tables are locked. Returns the
    /// error of each resource whose file cannot be read.
    private static func unreadableInputs(_ inputs: [(Resource, String?)]) -> [Resource: String] {
        var unreadable: [Resource: String] = [:]
        for case (let resource, let file?) in inputs {
            do { _ = try DumpReader(path: file) } catch { unreadable[resource] = RawText.storable(Secrets.redact("\(error)")) }
        }
        return unreadable
    }

    /// Starts the first-load fast path under a savepoint when the tables are empty; when it
    /// cannot be used (another session holds a table past the lock timeout, or the role may not
    /// alter the tables), returns why, and the run loads the usual way.
    private func beginBulkLoad() -> (BulkLoad?, skipped: String?) {
        do {
            return (try connection.savepoint("bulk_load") { try BulkLoad.begin(connection, lockTimeout: lockTimeout) }, nil)
        } catch {
            return (nil, Secrets.redact(BulkLoad.skipReason(error, lockTimeout: lockTimeout)))
        }
    }

    /// Loads one resource under a savepoint of the run's transaction; a failure rolls back that
    /// resource alone and is reported in its summary.
    private func load(_ resource: Resource, file: String?, runID: Int64, known: KnownIDs, embedded: EmbeddedStage,
                      forward: ForwardReferences, startedEmpty: Bool, livemodeGuard: LivemodeGuard,
                      progress: @escaping (WorkProgress) -> Void) throws -> ResourceSummary {
        guard let file else {
            var missing = ResourceSummary(resource: resource)
            missing.outcome = .missing
            return missing
        }
        let loader = ResourceLoader(
            connection: connection, spec: .of(resource), runID: runID, batchSize: batchSize, known: known,
            startedEmpty: startedEmpty, embedded: embedded, maxObjectSize: maxObjectSize, livemodeGuard: livemodeGuard,
            forward: forward, progress: Ingester.fileProgress(resource, file: file, to: progress))
        let started = Date()
        do {
            let summary = try loader.load(file: file)
            if let size = Ingester.uncompressedSize(file) {
                progress(WorkProgress(stage: resource.rawValue, done: size, total: size, unit: .bytes,
                                      detail: "\(summary.read) objects"))
            }
            return summary
        } catch let refused as LivemodeMismatchError {
            throw refused  // the whole run stops: its transaction is rolled back
        } catch {
            known.reset()  // the rollback undid rows the cache may name
            embedded.forgetStaged()
            forward.forget(source: resource)
            var summary = ResourceSummary(resource: resource, file: file)
            summary.outcome = .failed
            summary.error = RawText.storable(Secrets.redact("\(error)"))  // the run records it in text and jsonb
            summary.seconds = Date().timeIntervalSince(started)
            return summary
        }
    }

    /// Marks deleted the placeholders of resources that a complete listing in this run left out
    /// and whose Stripe list omits deleted objects: they are objects Stripe deleted.
    private func markUnlistedDeleted(_ complete: Set<Resource>, loaded: [ResourceSummary]) throws {
        for summary in loaded where summary.outcome == .loaded && complete.contains(summary.resource)
            && ResourceSpec.of(summary.resource).listOmitsDeleted {
            try connection.query("UPDATE \(summary.resource.table) SET deleted = true WHERE is_placeholder AND NOT deleted")
        }
    }

    /// Adds placeholders for the references to later resources that the run recorded and that
    /// are still missing now that every resource has loaded; returns the count per referencing
    /// resource (a parent wanted by several is counted for the first in dependency order).
    static func createForwardPlaceholders(on connection: PGConnection) throws -> [Resource: Int] {
        var pairs: [(source: Resource, target: Resource)] = []
        for row in try connection.query("SELECT DISTINCT source, target FROM \(ResourceLoader.forwardReferencesTable)").rows {
            guard let source = Resource(name: row["source"] ?? ""), let target = Resource(name: row["target"] ?? "") else { continue }
            pairs.append((source, target))
        }
        pairs.sort { lhs, rhs in lhs.source != rhs.source ? lhs.source < rhs.source : lhs.target < rhs.target }
        var created: [Resource: Int] = [:]
        for (source, target) in pairs {
            let candidates = "SELECT id FROM \(ResourceLoader.forwardReferencesTable) WHERE source = $1 AND target = $2"
            created[source, default: 0] += try connection.query(
                PlaceholderSQL.insertMissing(into: target, candidates: candidates, objectNameParameter: 3),
                [source.rawValue, target.rawValue, target.objectName]).scalar(Int.self) ?? 0
        }
        return created
    }

    /// Runs every fill the catalog declares (invoice payments fill `invoices.payment_intent_id`)
    /// whose source or target this run changed (loaded, or harvested from embedded objects),
    /// filling only empty columns, so an object's own
    /// value wins and an unchanged re-run writes nothing; returns the rows filled per target.
    static func applyFills(after summaries: [ResourceSummary], harvested: Set<Resource>, on connection: PGConnection) throws -> [Resource: Int] {
        let changed = harvested.union(summaries.filter { summary in
            summary.outcome == .loaded && summary.inserted + summary.updated + summary.placeholdersReplaced > 0
        }.map(\.resource))
        var filled: [Resource: Int] = [:]
        for source in LoadOrder.resources {
            for fill in ResourceSpec.of(source).fills where changed.contains(source) || changed.contains(fill.target) {
                filled[fill.target, default: 0] += try connection.query(fill.fillStatement(from: source)).affectedRows
            }
        }
        return filled
    }

    /// The inputs for every resource of a dump folder (missing files reported as nil).
    public static func inputs(directory: DumpDirectory, resources: [Resource] = LoadOrder.resources) -> [(Resource, String?)] {
        resources.sorted().map { ($0, directory.file(for: $0)) }
    }

    /// The size of `file` when progress can be told in bytes of it (not a gzip file, whose
    /// reading is counted in decompressed bytes); nil otherwise.
    private static func uncompressedSize(_ file: String) -> Int? {
        guard !file.lowercased().hasSuffix(".gz"),
              let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber else { return nil }
        return size.intValue
    }

    /// Turns a loader's `(objects, bytes)` read into progress of `resource`: bytes of the file's
    /// size, or objects with no total for a gzip file.
    private static func fileProgress(_ resource: Resource, file: String,
                                     to progress: @escaping (WorkProgress) -> Void) -> (Int, Int) -> Void {
        let size = uncompressedSize(file)
        return { objects, bytes in
            if let size {
                progress(WorkProgress(stage: resource.rawValue, done: min(bytes, size), total: size, unit: .bytes,
                                      detail: "\(objects) objects"))
            } else {
                progress(WorkProgress(stage: resource.rawValue, done: objects, total: nil, unit: .objects))
            }
        }
    }

    /// Logs a resource's outcome and counts at `info` (details: the command reports failures
    /// itself), with the resource and outcome in the metadata.
    private static func log(_ summary: ResourceSummary, to logger: Logger) {
        let metadata: Logger.Metadata = ["resource": "\(summary.resource.rawValue)", "outcome": "\(summary.outcome.rawValue)"]
        if let error = summary.error {
            logger.info("\(summary.resource.rawValue) failed: \(error)", metadata: metadata)
            return
        }
        logger.info("""
            \(summary.resource.rawValue) \(summary.outcome.rawValue): \(summary.read) read, \(summary.inserted) inserted, \
            \(summary.updated) updated, \(summary.rejected) rejected in \(String(format: "%.2f", summary.seconds)) s
            """, metadata: metadata)
    }
}
