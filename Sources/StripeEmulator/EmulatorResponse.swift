/// The emulator's answer to one request: a JSON response, optionally delayed, or a dropped connection.
public struct EmulatorResponse: Sendable {
    /// HTTP status.
    public var status: Int
    /// JSON body.
    public var body: JSONValue
    /// Extra headers (`Request-Id` is always among them).
    public var headers: [String: String]
    /// Delay before answering, in milliseconds.
    public var delayMilliseconds: Int
    /// Close the connection instead of answering.
    public var dropConnection: Bool

    /// Creates a response.
    public init(status: Int, body: JSONValue, headers: [String: String] = [:], delayMilliseconds: Int = 0,
                dropConnection: Bool = false) {
        self.status = status
        self.body = body
        self.headers = headers
        self.delayMilliseconds = delayMilliseconds
        self.dropConnection = dropConnection
    }
}
