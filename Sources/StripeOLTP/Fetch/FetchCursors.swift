import StripeSchema

/// Where the next incremental fetch starts: per resource the newest `created` already ingested,
/// and the event cursor. Empty when nothing fetched was ever ingested.
public struct FetchCursors: Sendable, Equatable {
    /// Newest ingested `created` per resource (unix seconds).
    public var objects: [Resource: Int]
    /// The `created` of the newest event seen when the ingested fetch began.
    public var eventCreated: Int?
    /// That event's id.
    public var eventID: String?
    /// The account (and API base) the cursors were fetched from; nil when none is recorded.
    public var account: FetchAccount?

    /// Cursors with the given values (none by default: a full fetch).
    public init(objects: [Resource: Int] = [:], eventCreated: Int? = nil, eventID: String? = nil,
                account: FetchAccount? = nil) {
        self.objects = objects
        self.eventCreated = eventCreated
        self.eventID = eventID
        self.account = account
    }

    /// True when no cursor is stored (a first fetch).
    public var isEmpty: Bool { objects.isEmpty && eventCreated == nil }

    /// Throws ``AccountMismatchError`` when the cursors were recorded from another account or
    /// API base than `current`; cursors without a recorded account are accepted.
    public func verify(belongTo current: FetchAccount) throws {
        guard !isEmpty, let account, !account.sameSource(as: current) else { return }
        throw AccountMismatchError(recorded: account, current: current, place: .fetchCursors)
    }

    /// The cursor row name of the events.
    public static let eventsName = "events"
}
