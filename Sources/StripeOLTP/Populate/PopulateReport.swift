/// The outcome of a populate run: counts per resource, one entry per fixture object, the
/// subscriptions canceled by `--force`, and the failures.
public struct PopulateReport: Sendable {
    /// Counts per resource.
    public private(set) var counts: [PopulateResource: PopulateCounts] = [:]
    /// Fixture keys in the order they were handled.
    public private(set) var order: [String] = []
    /// Entries by fixture key.
    public private(set) var entries: [String: PopulateManifestEntry] = [:]
    /// Subscriptions canceled before being recreated (`--force`).
    public internal(set) var canceledSubscriptions: [String] = []
    /// Whether subscriptions were recreated.
    public let force: Bool
    /// The generation recreated subscriptions carry (nil without `--force`).
    public let generation: String?
    /// In a dry run, the POST and DELETE requests a run would have sent; empty otherwise.
    public internal(set) var withheldRequests: [String] = []
    /// True for a dry run: only GET requests were sent.
    public internal(set) var dryRun = false

    /// An empty report.
    public init(force: Bool, generation: String?) {
        self.force = force
        self.generation = generation
    }

    /// Records what happened to the fixture object `key`.
    public mutating func record(_ key: String, _ entry: PopulateManifestEntry) {
        if let previous = entries[key] {
            counts[previous.resource]?.remove(previous.outcome)
        } else {
            order.append(key)
        }
        entries[key] = entry
        counts[entry.resource, default: PopulateCounts()].add(entry.outcome)
    }

    /// The counts of `resource` (zero when nothing of it was handled).
    public func counts(_ resource: PopulateResource) -> PopulateCounts {
        counts[resource] ?? PopulateCounts()
    }

    /// Totals over every resource.
    public var total: PopulateCounts {
        counts.values.reduce(into: PopulateCounts()) {
            $0.created += $1.created
            $0.skipped += $1.skipped
            $0.failed += $1.failed
            $0.planned += $1.planned
        }
    }

    /// The failure messages, in the order the objects were handled.
    public var failures: [String] {
        order.compactMap { key in entries[key].flatMap { $0.outcome == .failed ? ($0.error ?? "\(key) failed") : nil } }
    }

    /// True when nothing failed.
    public var succeeded: Bool { total.failed == 0 }

    /// The manifest for this run.
    public func manifest(apiBase: String, generatedAt: String) -> PopulateManifest {
        PopulateManifest(
            generatedAt: generatedAt, apiBase: apiBase, force: force, generation: generation, objects: entries,
            canceledSubscriptions: canceledSubscriptions,
            counts: Dictionary(uniqueKeysWithValues: PopulateResource.allCases.map { ($0.rawValue, counts($0)) }))
    }
}
