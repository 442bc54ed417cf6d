/// An error from the PostgreSQL layer: what failed, the server's SQLSTATE when there is one,
/// and the server's message and detail. Never carries a password.
public struct PGError: Error, CustomStringConvertible, Sendable {
    /// What kind of operation failed.
    public enum Kind: String, Sendable {
        /// Opening the connection failed.
        case connection
        /// A statement failed on the server or could not be sent.
        case query
        /// A `COPY … FROM STDIN` stream failed.
        case copy
        /// A result value could not be read as the requested type.
        case decoding
    }

    /// What kind of operation failed.
    public let kind: Kind
    /// The five-character SQLSTATE code reported by the server, when there is one.
    public let sqlState: String?
    /// The primary message (server message or client-side reason).
    public let message: String
    /// The server's DETAIL line, when there is one.
    public let detail: String?
    /// The server's HINT line, when there is one.
    public let hint: String?
    /// A short, credential-free description of the statement or target involved.
    public let context: String?
    /// The server's CONTEXT line, when there is one (for COPY: the line and column refused).
    public let serverContext: String?

    /// Creates an error; `message`, `detail` and `context` are scrubbed of passwords.
    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil,
        hint: String? = nil, context: String? = nil, serverContext: String? = nil
    ) {
        self.serverContext = serverContext.map(ConnectionURL.scrub)
        self.kind = kind
        self.sqlState = sqlState
        self.message = ConnectionURL.scrub(message)
        self.detail = detail.map(ConnectionURL.scrub)
        self.hint = hint
        self.context = context.map(ConnectionURL.scrub)
    }

    /// True when the server reported a unique-constraint violation (SQLSTATE 23505).
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// True when the server reported a foreign-key violation (SQLSTATE 23503).
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// True when the server reported a syntax error (SQLSTATE 42601).
    public var isSyntaxError: Bool { sqlState == "42601" }

    /// A one-paragraph message: kind, SQLSTATE, message, detail, hint and context.
    public var description: String {
        var text = "PostgreSQL \(kind.rawValue) error"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let detail, !detail.isEmpty { text += " (detail: \(detail))" }
        if let hint, !hint.isEmpty { text += " (hint: \(hint))" }
        if let context, !context.isEmpty { text += " — in: \(context)" }
        return text
    }
}
