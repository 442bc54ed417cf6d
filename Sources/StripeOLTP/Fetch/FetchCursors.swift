/// Where the next incremental fetch starts: per resource the newest `created` already ingested,
/// and the event cursor. Empty when nothing fetched was ever ingested.
public struct FetchCursors: Sendable, Equatable {
    /// Newest ingested `created` per resource (unix seconds).
    public var objects: [Resource: Int]
    /// The `created` of the newest event seen when the ingested fetch began.
    public var eventCreated: Int?
    /// That event's id.
    public var eventID: String?

    /// Cursors with the given values (none by default: a full fetch).
    public init(objects: [Resource: Int] = [:], eventCreated: Int? = nil, eventID: String? = nil) {
        self.objects = objects
        self.eventCreated = eventCreated
        self.eventID = eventID
    }

    /// The cursor row name of the events.
    public static let eventsName = "events"
}
