/// What one poll of `sync --follow` did.
public struct EventFollowReport: Sendable, Equatable {
    /// Events read from `/v1/events`.
    public var read = 0
    /// Count per outcome name (`EventApplyOutcome.name`).
    public var outcomes: [String: Int] = [:]
    /// The event cursor after the poll: the `created` and id of the newest event applied.
    public var cursorCreated: Int?
    /// The cursor's event id.
    public var cursorID: String?

    /// Creates an empty report.
    public init() {}

    /// The count of `name` (applied, duplicate, stale, unknown, quarantined).
    public func count(_ name: String) -> Int { outcomes[name] ?? 0 }
}
