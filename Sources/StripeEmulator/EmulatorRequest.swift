/// An HTTP request as the emulator sees it, independent of the server framework.
public struct EmulatorRequest: Sendable {
    /// HTTP method, upper case.
    public var method: String
    /// Path without the query.
    public var path: String
    /// Raw query string (without `?`).
    public var query: String
    /// Headers with lower-cased names.
    public var headers: [String: String]
    /// Raw body text.
    public var body: String

    /// Creates a request.
    public init(method: String, path: String, query: String = "", headers: [String: String] = [:], body: String = "") {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
