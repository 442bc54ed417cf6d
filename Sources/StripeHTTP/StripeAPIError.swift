/// An error object returned by Stripe (`{"error": {"type", "code", "message", "param"}}`).
public struct StripeAPIError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The HTTP status.
    public let status: Int
    /// Stripe's error type (`invalid_request_error`, `card_error`, `rate_limit_error`, `api_error`, …).
    public let type: String?
    /// Stripe's error code (`resource_missing`, `parameter_missing`, `rate_limit`, …).
    public let code: String?
    /// Stripe's message, with any key redacted.
    public let message: String
    /// The parameter the error is about, when Stripe names one.
    public let param: String?
    /// The `Request-Id` of the failed request.
    public let requestID: String?
    /// The method and path requested.
    public let request: String

    /// Creates an error; the message is redacted of keys.
    public init(status: Int, type: String?, code: String?, message: String, param: String?, requestID: String?, request: String) {
        self.status = status
        self.type = type
        self.code = code
        self.message = KeyRedaction.redact(message)
        self.param = param
        self.requestID = requestID
        self.request = request
    }

    /// `Stripe error 404 invalid_request_error/resource_missing on GET /v1/customers/x: … (request req_…)`.
    public var description: String {
        var text = "Stripe error \(status)"
        if let type { text += " \(type)" }
        if let code { text += "/\(code)" }
        text += " on \(request): \(message)"
        if let param { text += " (param \(param))" }
        if let requestID { text += " (request \(requestID))" }
        return KeyRedaction.redact(text)
    }
}
