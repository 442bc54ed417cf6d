import StripeOLTP

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
    /// The event was queued durably (`stripe_oltp.event_queue`) and will be applied in the background.
    case queued

    /// The outcome of the apply path's `outcome`.
    public init(_ outcome: EventApplyOutcome) {
        switch outcome {
        case .applied: self = .applied
        case .duplicate: self = .duplicate
        case .stale: self = .stale
        case .unknownTypeStored: self = .unknown
        case .quarantined: self = .quarantined
        }
    }
}
