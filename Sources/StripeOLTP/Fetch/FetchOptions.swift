import Foundation
import StripeSchema

/// What a fetch pulls and how.
public struct FetchOptions: Sendable {
    /// The dump folder the files and the manifest are written to.
    public var directory: String
    /// The resources to fetch.
    public var resources: [Resource]
    /// Fetch only objects created at or after this time (unix seconds) and the changes since then,
    /// instead of starting from the stored cursors.
    public var since: Int?
    /// Ignore the stored cursors and fetch everything.
    public var full: Bool
    /// Start over even when the folder holds an unfinished fetch that could be resumed.
    public var restart: Bool
    /// Requests in flight at once (each worker holds one connection).
    public var workers: Int
    /// How far before a stored cursor an incremental fetch starts again, in seconds.
    public var overlapSeconds: Int
    /// The file format.
    public var format: FetchFileFormat
    /// About how many pages one slice of a resource's `created` range covers before the rest of
    /// the range is handed to another worker.
    public var pagesPerSlice: Int
    /// Objects per list page (Stripe allows 1 to 100).
    public var pageSize: Int
    /// The current time, unix seconds (injectable for tests).
    public var now: Int

    /// How long Stripe keeps events: an event cursor older than this cannot be followed.
    public static let eventRetentionSeconds = 30 * 86_400

    /// Options with the defaults: every resource, from the stored cursors, 12 workers, NDJSON.
    public init(
        directory: String, resources: [Resource] = LoadOrder.resources, since: Int? = nil, full: Bool = false,
        restart: Bool = false, workers: Int = 12, overlapSeconds: Int = 3600, format: FetchFileFormat = .ndjson,
        pagesPerSlice: Int = 4, pageSize: Int = 100, now: Int = Int(Date().timeIntervalSince1970)
    ) {
        precondition(workers >= 1, "at least one worker")
        precondition((1...100).contains(pageSize), "Stripe pages hold 1 to 100 objects")
        precondition(pagesPerSlice >= 2, "a slice covers at least two pages")
        self.directory = directory
        self.resources = resources.sorted()
        self.since = since
        self.full = full
        self.restart = restart
        self.workers = workers
        self.overlapSeconds = overlapSeconds
        self.format = format
        self.pagesPerSlice = pagesPerSlice
        self.pageSize = pageSize
        self.now = now
    }
}
