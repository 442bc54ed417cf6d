/// The last run of one command, for `stripe-oltp status`.
public struct CommandRunStatus: Sendable, Codable, Equatable {
    /// `ingest`, `fetch`, `check` or `populate`.
    public var command: String
    /// When it finished (or began, while running), unix seconds.
    public var at: Int
    /// How it ended: ingest `succeeded`/`partial`/`failed`/`interrupted`/`running`; fetch
    /// `complete`/`incomplete`; check `match`/`warnings`/`differences`; populate `succeeded`/`partial`.
    public var outcome: String
}
