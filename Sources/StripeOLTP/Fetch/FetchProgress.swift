/// A snapshot of a running fetch, for progress lines.
public struct FetchProgress: Sendable, Equatable {
    /// Objects written so far.
    public var objects: Int
    /// Requests sent so far, retries included.
    public var requests: Int
    /// Requests that were retried (429, 5xx, dropped connections).
    public var retries: Int
    /// Seconds since the fetch began.
    public var seconds: Double
    /// Answers 429 (rate limited) received so far.
    public var rateLimited = 0

    /// Requests per second so far.
    public var requestsPerSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
}
