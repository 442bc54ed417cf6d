/// What applying one verified event did; every outcome is acknowledged with 2xx.
public enum VerifiedEventOutcome: String, Sendable, CaseIterable {
    /// The event changed the database.
    case applied
    /// The event id had been applied before; nothing changed.
    case duplicate
    /// A newer state of the object was already stored; only the event was recorded.
    case stale
    /// An event type or object the database does not load; recorded and acknowledged.
    case unknown
    /// The event failed to apply and was set aside with its reason.
    case quarantined
}
