/// The payload of `fetch.completed`: requests, retries and 429s, objects, and how it ended.
public struct FetchTelemetry: Encodable, Sendable {
    /// Requests sent, retries included.
    public var requests: Int
    /// Requests retried (429, 5xx, dropped connections).
    public var retries: Int
    /// Answers 429 (rate limited).
    public var rateLimited: Int
    /// Objects written.
    public var objects: Int
    /// `full` or `incremental`.
    public var mode: String
    /// True when every resource completed.
    public var complete: Bool
    /// The account fetched from (`acct_…`), when `/v1/account` named one.
    public var account: String?

    /// The payload for `report`.
    public init(report: FetchReport) {
        requests = report.progress.requests
        retries = report.progress.retries
        rateLimited = report.progress.rateLimited
        objects = report.progress.objects
        mode = report.manifest.mode
        complete = report.manifest.complete
        account = report.manifest.account?.id
    }
}
