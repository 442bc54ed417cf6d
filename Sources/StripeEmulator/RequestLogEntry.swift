/// One answered `/v1` request, as the control endpoint's request log reports it.
public struct RequestLogEntry: Sendable, Equatable {
    /// HTTP method.
    public var method: String
    /// Request path, without the query.
    public var path: String
    /// HTTP status answered (0 for a dropped connection).
    public var status: Int
    /// The `Request-Id` sent back.
    public var requestID: String
    /// The request's headers (lower-cased names), `Authorization` redacted.
    public var headers: [String: String]

    /// Creates an entry.
    public init(method: String, path: String, status: Int, requestID: String, headers: [String: String] = [:]) {
        self.method = method
        self.path = path
        self.status = status
        self.requestID = requestID
        self.headers = headers
    }

    /// The entry as JSON.
    public var json: JSONValue {
        .object(["method": .string(method), "path": .string(path), "status": .int(status),
                 "request_id": .string(requestID),
                 "headers": .object(headers.mapValues { .string($0) })])
    }
}
