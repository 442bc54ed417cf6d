import Foundation
import StripeHTTP
import StripeJSON
import StripeSchema

/// Pulls every catalog resource from Stripe's list API into a dump folder that ingest reads.
///
/// - Everything, or incrementally: objects created since each resource's cursor (less an
///   overlap) plus the changes and deletions `/v1/events` reports since the event cursor; an
///   event cursor older than Stripe's 30-day retention falls back to everything.
/// - Concurrent: workers with their own connections share the client's rate limiter; big lists
///   are split into `created` slices paged in parallel, payment methods are fetched per customer.
/// - Complete: invoice lines and subscription items beyond the embedded first page are paged in.
/// - Safe: each file is written to a temporary name and renamed when its resource is complete; a
///   resource that fails keeps its previous file, the others are kept, and a rerun resumes.
public final class Fetcher: @unchecked Sendable {
    /// The client configuration (key, base URL, API version, rate limiter, retry policy).
    public let configuration: StripeClientConfiguration
    /// What to fetch and how.
    public let options: FetchOptions
    let cursors: FetchCursors
    let notice: @Sendable (String) -> Void
    let counters: FetchCounters
    let queue = FetchWorkQueue()
    private let lock = NSLock()
    private var failures: [Resource: String] = [:]
    private var changes: [String: EventChange] = [:]
    private var changeOrder: [String] = []
    private var eventsRead = 0
    private var referencedPaymentMethods = Set<String>()
    var writers: [Resource: FetchFileWriter] = [:]

    /// A fetcher starting from `cursors` (the stored ones; empty for a first fetch). `notice`
    /// receives one-line remarks (fallbacks, resumption); `progress` periodic totals.
    public init(
        configuration: StripeClientConfiguration, options: FetchOptions, cursors: FetchCursors = FetchCursors(),
        notice: @escaping @Sendable (String) -> Void = { _ in },
        progress: (@Sendable (FetchProgress) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.options = options
        self.cursors = cursors
        self.notice = notice
        self.counters = FetchCounters(report: progress)
    }

    /// Runs the fetch and returns its report; the manifest says which resources completed.
    /// Throws only when nothing could be fetched at all (folder not writable, first request failed).
    public func run() throws -> FetchReport {
        try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
        let workers = try (0..<options.workers).map { _ in try FetchWorker(configuration: configuration, counters: counters) }
        let account = try retrieveAccount(workers[0])
        if let account, !options.full, options.since == nil {
            try cursors.verify(belongTo: account)
        }
        var manifest = try plan(first: workers[0], account: account)
        try manifest.write(directory: options.directory)

        let pending = manifest.resources.filter { $0.status != .complete }.map(\.resource)
        for resource in pending {
            writers[resource] = try FetchFileWriter(directory: options.directory, resource: resource, format: options.format)
        }
        let extended = try extendPaymentMethodsIfNeeded(manifest, pending: pending)
        collectReferencesFromCompleteFiles(manifest)
        queue.add(listTasks(manifest: manifest, resources: pending))
        if manifest.mode == "incremental", let since = manifest.events.since {
            queue.add([eventsTask(since: since, resources: Set(pending))])
        }
        queue.run(workers: workers, perform: perform)
        queue.add(changeTasks())
        queue.run(workers: workers, perform: perform)
        queue.add(unfetchedPaymentMethods().map(paymentMethodTask))
        queue.run(workers: workers, perform: perform)

        for index in manifest.resources.indices where manifest.resources[index].status != .complete {
            finish(&manifest.resources[index])
        }
        if let extended, let index = manifest.resources.firstIndex(where: { $0.resource == extended.resource }) {
            finishExtension(&manifest.resources[index], previous: extended)
        }
        manifest.events.read = eventsRead
        manifest.events.applied = manifest.resources.reduce(0) { $0 + $1.fromEvents }
        manifest.complete = manifest.resources.allSatisfy { $0.status == .complete }
        manifest.finishedAt = Int(Date().timeIntervalSince1970)
        try manifest.write(directory: options.directory)
        return FetchReport(manifest: manifest, progress: counters.snapshot)
    }

    /// Commits or discards `entry`'s file and fills in its counts.
    private func finish(_ entry: inout FetchManifestResource) {
        let resource = entry.resource
        guard let writer = writers[resource] else { return }
        entry.requests = counters.requests(for: resource)
        guard commit(writer, into: &entry) else { return }
        entry.fromEvents = writer.fromEvents
        if let newest = writer.newestCreated { entry.cursor = max(entry.cursor ?? newest, newest) }
    }

    /// Commits the extension of a complete file (`previous`, its entry before this run): counts
    /// add up, and the cursor stays (the objects added were retrieved by id, not listed). When the
    /// extension fails the resource is failed, to be fetched whole by the next run.
    private func finishExtension(_ entry: inout FetchManifestResource, previous: FetchManifestResource) {
        guard let writer = writers[entry.resource] else { return }
        entry.requests = previous.requests + counters.requests(for: entry.resource)
        guard commit(writer, into: &entry) else { return }
        entry.fromEvents = previous.fromEvents
        entry.cursor = previous.cursor
    }

    /// Commits `writer`'s file (or discards it when its resource failed) and records the outcome
    /// and the file's counts in `entry`; returns whether the file was committed.
    private func commit(_ writer: FetchFileWriter, into entry: inout FetchManifestResource) -> Bool {
        if let error = failure(entry.resource) {
            writer.discard()
            entry.status = .failed
            entry.error = error
            return false
        }
        do {
            try writer.commit()
            entry.status = .complete
            entry.error = nil
            entry.file = (writer.path as NSString).lastPathComponent
            entry.objects = writer.count
            entry.deleted = writer.deleted
            return true
        } catch {
            entry.status = .failed
            entry.error = Secrets.redact("\(error)")
            return false
        }
    }

    // MARK: - Planning

    /// The account the key reaches (`GET /v1/account`), announced as a notice. A key that may not
    /// read the account (a restricted key without that permission) gives nil and a notice: the
    /// dump then records no account.
    func retrieveAccount(_ worker: FetchWorker) throws -> FetchAccount? {
        do {
            let body = try worker.get("/v1/account", [], for: nil)
            let account = try FetchAccount.parse(body, apiBase: configuration.baseURL, liveKey: configuration.isLiveKey)
            notice("fetching from Stripe account \(account)")
            return account
        } catch HTTPError.api(let error) where error.status == 403 || error.type == "permission_error" {
            notice("fetching from \(configuration.baseURL); the key may not read /v1/account (\(error.message)), "
                   + "so the dump records no account and stored cursors are not checked against one")
            return nil
        }
    }

    /// The manifest of this run: the unfinished one found in the folder (resumed), or a new plan.
    private func plan(first worker: FetchWorker, account: FetchAccount?) throws -> FetchManifest {
        if !options.restart, let previous = try FetchManifest.read(directory: options.directory), !previous.complete,
           previous.apiVersion == configuration.apiVersion, previous.fileFormat == options.format,
           previous.account == account,
           Set(options.resources).isSubset(of: Set(previous.resources.map(\.resource)))
        {
            let done = previous.resources.filter { $0.status == .complete }.map(\.resource.rawValue)
            notice("resuming the unfinished fetch begun at \(Self.timeText(previous.startedAt)); already complete: "
                   + (done.isEmpty ? "none" : done.joined(separator: ", ")))
            var resumed = previous
            resumed.resources = previous.resources.filter { options.resources.contains($0.resource) }
            for index in resumed.resources.indices where resumed.resources[index].status != .complete {
                resumed.resources[index].status = .pending
                resumed.resources[index].error = nil
            }
            return resumed
        }

        // The event cursor is taken before listing, so changes made during the fetch are read next time.
        let newest = try worker.get("/v1/events", [("limit", "1")], for: nil)
        let newestEvent = newest["data"]?[0]
        let eventCursor = (id: newestEvent?["id"]?.stringValue,
                           created: newestEvent?["created"]?.int64Value.map(Int.init) ?? options.now)

        var bounds: [Resource: Int] = [:]
        var eventsSince: Int?
        let oldest = options.now - FetchOptions.eventRetentionSeconds
        if options.full {
            notice("fetching everything (--full)")
        } else if let since = options.since {
            if since < oldest {
                notice("--since \(Self.timeText(since)) is older than Stripe's 30-day event retention, so changes since then cannot be read; fetching everything")
            } else {
                for resource in options.resources { bounds[resource] = since }
                eventsSince = since
            }
        } else if let eventCreated = cursors.eventCreated {
            if eventCreated < oldest {
                notice("the stored event cursor (\(Self.timeText(eventCreated))) is older than Stripe's 30-day event retention; fetching everything")
            } else {
                for resource in options.resources {
                    if let cursor = cursors.objects[resource] { bounds[resource] = cursor - options.overlapSeconds }
                }
                eventsSince = eventCreated - options.overlapSeconds
            }
        } else {
            notice("no stored fetch cursor: fetching everything")
        }
        let entries = options.resources.map {
            FetchManifestResource(resource: $0, createdSince: bounds[$0], cursor: cursors.objects[$0])
        }
        return FetchManifest(
            apiVersion: configuration.apiVersion, account: account, mode: eventsSince == nil ? "full" : "incremental",
            fileFormat: options.format, startedAt: options.now, resources: entries,
            events: FetchManifestEvents(cursorID: eventCursor.id, cursorCreated: eventCursor.created, since: eventsSince))
    }

    static func timeText(_ seconds: Int) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    // MARK: - Running tasks

    private func perform(_ task: FetchTask, _ worker: FetchWorker) -> [FetchTask] {
        if let resource = task.resource, failure(resource) != nil { return [] }
        do {
            return try task.body(worker)
        } catch {
            let message = Secrets.redact("\(error)")
            if let resource = task.resource {
                fail(resource, message)
            } else {
                for resource in writers.keys { fail(resource, "events: \(message)") }
            }
            return []
        }
    }

    /// Why `resource` failed, if it did.
    func failure(_ resource: Resource) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return failures[resource]
    }

    func fail(_ resource: Resource, _ message: String) {
        lock.lock()
        if failures[resource] == nil { failures[resource] = message }
        // Payment methods are found through the customers' list: without all customers they are incomplete.
        if resource == .customers, writers[.paymentMethods] != nil, failures[.paymentMethods] == nil {
            failures[.paymentMethods] = "the customers list they are fetched through failed: \(message)"
        }
        lock.unlock()
    }

    /// Records the change an event reports unless a newer event for the object was seen (events come newest first).
    func record(_ change: EventChange, eventCount: Int) {
        lock.lock()
        eventsRead += eventCount
        if changes[change.id] == nil {
            changes[change.id] = change
            changeOrder.append(change.id)
        }
        lock.unlock()
    }

    /// Counts events read that changed nothing to write.
    func countEvents(_ count: Int) {
        lock.lock()
        eventsRead += count
        lock.unlock()
    }

    /// The recorded changes, oldest recorded first.
    func recordedChanges() -> [EventChange] {
        lock.lock()
        defer { lock.unlock() }
        return changeOrder.compactMap { changes[$0] }
    }

    /// Writes `object` (already complete) to its resource's file and counts it, noting the
    /// payment methods it references.
    func emit(_ resource: Resource, id: String, object: JSONValue, isDeletion: Bool = false, fromEvent: Bool = false) throws {
        guard let writer = writers[resource] else { return }
        if try writer.write(id: id, object: object, isDeletion: isDeletion, fromEvent: fromEvent) {
            counters.addObjects(1)
        }
        if writers[.paymentMethods] != nil { noteReferences(resource, object) }
    }

    /// Notes the payment methods `object` (of `resource`) references, to retrieve those no customer lists.
    func noteReferences(_ resource: Resource, _ object: JSONValue) {
        let references = (Self.paymentMethodPaths[resource] ?? []).compactMap { path -> String? in
            guard let value = path.lookup(in: object) else { return nil }
            return value.stringValue ?? value["id"]?.stringValue
        }
        guard !references.isEmpty else { return }
        lock.lock()
        referencedPaymentMethods.formUnion(references)
        lock.unlock()
    }

    /// Where each resource's objects reference a payment method (from the column catalog).
    static let paymentMethodPaths: [Resource: [JSONPath]] = Dictionary(uniqueKeysWithValues: Resource.allCases.map { resource in
        (resource, ResourceSpec.of(resource).columns.filter { $0.referencedResource == .paymentMethods }.flatMap(\.paths))
    })

    /// Payment methods referenced by fetched objects but not fetched through any customer.
    func unfetchedPaymentMethods() -> [String] {
        guard let writer = writers[.paymentMethods] else { return [] }
        lock.lock()
        defer { lock.unlock() }
        return referencedPaymentMethods.filter { !writer.contains($0) }.sorted()
    }
}
