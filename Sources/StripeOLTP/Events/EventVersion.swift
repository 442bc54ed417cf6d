/// Where one event stands in the history of the object it reports, for the ordering rule.
///
/// An event writes an object's row only when it does not precede the event that last wrote it:
/// where both carry the object's own `updated` (products) and those differ, the later `updated`
/// wins; otherwise the later event `created` wins; at the same second the later arrival wins
/// (`>=`, so of a same-second burst the last one to arrive is kept and none is dropped).
public struct EventVersion: Sendable, Equatable {
    /// The event's `created` (Unix seconds).
    public let created: Int64
    /// The object's own `updated` (Unix seconds), where it has one.
    public let objectUpdated: Int64?
    /// The order in which events reached the database (`stripe_oltp.event_arrival_seq`).
    public let arrival: Int64

    /// Creates a version.
    public init(created: Int64, objectUpdated: Int64?, arrival: Int64) {
        self.created = created
        self.objectUpdated = objectUpdated
        self.arrival = arrival
    }

    /// Whether an event at this version may overwrite a row written at `stored`.
    public func supersedes(_ stored: EventVersion) -> Bool {
        if let mine = objectUpdated, let theirs = stored.objectUpdated, mine != theirs {
            return mine > theirs
        }
        if created != stored.created {
            return created > stored.created
        }
        return arrival >= stored.arrival
    }
}
