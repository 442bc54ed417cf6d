/// The outcome of one verified event and, when known, the event's `created` time.
public struct VerifiedEventResult: Sendable, Equatable {
    /// What applying did.
    public var outcome: VerifiedEventOutcome
    /// The event's `created` (Unix seconds), for the lag gauge; nil when unknown.
    public var eventCreated: Int?

    /// Creates a result.
    public init(outcome: VerifiedEventOutcome, eventCreated: Int? = nil) {
        self.outcome = outcome
        self.eventCreated = eventCreated
    }
}
