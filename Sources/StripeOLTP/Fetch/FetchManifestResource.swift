import StripeSchema

/// One resource's entry in a fetch manifest.
public struct FetchManifestResource: Sendable, Codable, Equatable {
    /// The resource.
    public var resource: Resource
    /// The dump file's name in the folder, once written.
    public var file: String?
    /// Where the resource's fetch stands.
    public var status: FetchStatus
    /// The lower bound on `created` the list used (unix seconds); nil for everything.
    public var createdSince: Int?
    /// The newest `created` among the objects fetched (or the previous cursor when none were newer):
    /// where the next incremental fetch of this resource starts.
    public var cursor: Int?
    /// Objects written to the file, deletion markers included.
    public var objects: Int
    /// Objects that came from events (changes to objects created before `createdSince`).
    public var fromEvents: Int
    /// Deletion markers (`{"id":…,"deleted":true}`) written.
    public var deleted: Int
    /// List and child requests made for this resource.
    public var requests: Int
    /// Why the fetch of this resource failed.
    public var error: String?

    /// A pending entry for `resource`.
    public init(resource: Resource, createdSince: Int?, cursor: Int?) {
        self.resource = resource
        self.status = .pending
        self.createdSince = createdSince
        self.cursor = cursor
        self.objects = 0
        self.fromEvents = 0
        self.deleted = 0
        self.requests = 0
    }
}
