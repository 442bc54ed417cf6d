/// A response: status, headers (names lower-cased) and body bytes.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public let status: Int
    /// Header values by lower-cased name (the last one wins when repeated).
    public let headers: [String: String]
    /// The body.
    public let body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Stripe's request id (`Request-Id` header), when present.
    public var requestID: String? { headers["request-id"] }
}
