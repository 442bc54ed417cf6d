import StripeSchema

/// Ids an ingest run knows to exist in their tables (rows it inserted, parents it made sure of),
/// so it can skip asking the server again. Bounded: past `capacity` ids it stops remembering
/// and the run simply asks the server, as it would without the cache.
final class KnownIDs {
    private var ids: [Resource: Set<String>] = [:]
    private var count = 0
    private let capacity: Int
    /// True once an id could not be remembered (the cache no longer holds every row the run wrote).
    private(set) var overflowed = false

    /// A cache of at most `capacity` ids (about 60 bytes each).
    init(capacity: Int = 500_000) {
        precondition(capacity >= 0, "capacity cannot be negative")
        self.capacity = capacity
    }

    /// Whether `id` is known to be a row of `resource`'s table.
    func contains(_ id: String, in resource: Resource) -> Bool {
        ids[resource]?.contains(id) ?? false
    }

    /// The distinct ids of `candidates` not known to be rows of `resource`'s table (the table's
    /// set is looked up once, not per id).
    func unknown<S: Sequence>(_ candidates: S, in resource: Resource) -> Set<String> where S.Element == String {
        let knownHere = ids[resource] ?? []
        var unknown = Set<String>()
        var previous: String?
        for id in candidates where id != previous {
            previous = id
            if !knownHere.contains(id) { unknown.insert(id) }
        }
        return unknown
    }

    /// Remembers rows of `resource`'s table, as long as there is room.
    func insert<S: Sequence>(_ newIDs: S, in resource: Resource) where S.Element == String {
        var set = ids.removeValue(forKey: resource) ?? []
        for id in newIDs {
            guard count < capacity else {
                overflowed = true
                break
            }
            if set.insert(id).inserted { count += 1 }
        }
        ids[resource] = set
    }

    /// What the cache holds now, to `restore` after a rollback to this point.
    struct Snapshot {
        fileprivate var ids: [Resource: Set<String>]
        fileprivate var count: Int
        fileprivate var overflowed: Bool
    }

    /// What the cache holds now (cheap: the sets are shared until either side changes).
    func snapshot() -> Snapshot {
        Snapshot(ids: ids, count: count, overflowed: overflowed)
    }

    /// Returns to what `snapshot` held: a rollback undid the rows remembered since.
    func restore(_ snapshot: Snapshot) {
        ids = snapshot.ids
        count = snapshot.count
        overflowed = snapshot.overflowed
    }

    /// Forgets everything (after a rollback undid rows the cache named); later lookups ask the server.
    func reset() {
        ids = [:]
        count = 0
        overflowed = true
    }
}
