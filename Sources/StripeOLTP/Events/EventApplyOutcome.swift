/// What applying one verified event did. Every outcome is an answer to acknowledge (a webhook
/// server answers 2xx to each): only a thrown error (the database unreachable) is worth a retry.
public enum EventApplyOutcome: Equatable, Sendable, CustomStringConvertible {
    /// The event's object was written (upserted, or marked deleted) and the event stored.
    case applied
    /// The event id was seen before: nothing changed.
    case duplicate
    /// The event is older than the one that last wrote its object's row: the event is stored,
    /// the row left as it is.
    case stale
    /// An event type or object the catalog does not load: the event is stored, nothing else.
    case unknownTypeStored
    /// The event could not be applied and waits in `stripe_oltp.event_quarantine` with `reason`
    /// (`stripe-oltp events retry`, or a redelivery, applies it again).
    case quarantined(reason: String)

    /// A short name for counts and metrics: applied, duplicate, stale, unknown, quarantined.
    public var name: String {
        switch self {
        case .applied: return "applied"
        case .duplicate: return "duplicate"
        case .stale: return "stale"
        case .unknownTypeStored: return "unknown"
        case .quarantined: return "quarantined"
        }
    }

    /// The name, and the reason of a quarantine.
    public var description: String {
        if case .quarantined(let reason) = self { return "quarantined: \(reason)" }
        return name
    }
}
