/// The events part of a fetch manifest: where the event cursor stood and what was applied.
public struct FetchManifestEvents: Sendable, Codable, Equatable {
    /// The newest event when the fetch began; the next fetch reads the events after it.
    public var cursorID: String?
    /// That event's `created` (or the fetch's start when the account had no event).
    public var cursorCreated: Int
    /// The `created` the events were read from; nil for a full fetch, which reads none.
    public var since: Int?
    /// Events read.
    public var read: Int
    /// Objects changed or deleted by those events that were written to the dump.
    public var applied: Int

    // The manifest is written and read with snake_case key conversion, which spells `cursor_id` `cursorId`.
    private enum CodingKeys: String, CodingKey {
        case cursorID = "cursorId", cursorCreated, since, read, applied
    }

    /// An events entry with the cursor found at the start of a fetch.
    public init(cursorID: String?, cursorCreated: Int, since: Int?) {
        self.cursorID = cursorID
        self.cursorCreated = cursorCreated
        self.since = since
        self.read = 0
        self.applied = 0
    }
}
