/// Where one event stands in the history of the object it reports, for the ordering rule.
///
/// An event writes an object's row only when it does not precede the event that last wrote it:
/// where both carry the object's own `updated` (products) and those differ, the later `updated`
/// wins; otherwise the later event `created` wins; within one second (Stripe's resolution) the
/// later lifecycle rank wins (a `….created` event never overwrites a same-second change, a change
/// never overwrites a same-second deletion); at the same rank the later arrival wins (`>=`, so of
/// a same-second burst the last one to arrive is kept and none is dropped). Such a full tie says
/// nothing about which state is newer, so the apply path re-retrieves the object from the API
/// when it has a key (see `isTie(with:)`).
public struct EventVersion: Sendable, Equatable {
    /// The event's `created` (Unix seconds).
    public let created: Int64
    /// The object's own `updated` (Unix seconds), where it has one.
    public let objectUpdated: Int64?
    /// The order in which events reached the database (`stripe_oltp.event_arrival_seq`).
    public let arrival: Int64
    /// The event's place in its object's lifecycle: `creation`, `change` or `deletion`.
    public let rank: Int

    /// The rank of a `….created` event.
    public static let creation: Int = 0
    /// The rank of any event that neither creates nor deletes its object.
    public static let change: Int = 1
    /// The rank of an event that deletes its object.
    public static let deletion: Int = 2

    /// Creates a version; `rank` defaults to a change.
    public init(created: Int64, objectUpdated: Int64?, arrival: Int64, rank: Int = EventVersion.change) {
        self.created = created
        self.objectUpdated = objectUpdated
        self.arrival = arrival
        self.rank = rank
    }

    /// The lifecycle rank of an event of `type` whose object is `deleted` (or not).
    public static func rank(ofType type: String, deleted: Bool) -> Int {
        if deleted { return deletion }
        return type.hasSuffix(".created") ? creation : change
    }

    /// Whether an event at this version may overwrite a row written at `stored`.
    public func supersedes(_ stored: EventVersion) -> Bool {
        if let mine = objectUpdated, let theirs = stored.objectUpdated, mine != theirs {
            return mine > theirs
        }
        if created != stored.created {
            return created > stored.created
        }
        if rank != stored.rank {
            return rank > stored.rank
        }
        return arrival >= stored.arrival
    }

    /// Whether only the arrival order tells this version from `stored`: the same `created`
    /// second, the same rank, and no differing `updated`. Arrival order is no evidence of which
    /// state is newer (Stripe does not deliver in order), so the object is re-retrieved.
    public func isTie(with stored: EventVersion) -> Bool {
        if let mine = objectUpdated, let theirs = stored.objectUpdated, mine != theirs { return false }
        return created == stored.created && rank == stored.rank
    }
}
