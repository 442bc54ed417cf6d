/// An error answered the way Stripe answers it: an HTTP status and an `{"error":{…}}` body.
public struct StripeError: Error, Sendable {
    /// HTTP status code.
    public var status: Int
    /// Stripe's error type (`invalid_request_error`, `card_error`, `api_error`, `idempotency_error`, …).
    public var type: String
    /// Stripe's error code (`parameter_missing`, `resource_missing`, …), if any.
    public var code: String?
    /// Human-readable message.
    public var message: String
    /// The offending parameter, if any.
    public var param: String?
    /// Further members of the error object (`decline_code`, `payment_intent`, …).
    public var extra: [String: JSONValue]

    /// Creates an error.
    public init(status: Int, type: String, code: String? = nil, message: String, param: String? = nil,
                extra: [String: JSONValue] = [:]) {
        self.status = status
        self.type = type
        self.code = code
        self.message = message
        self.param = param
        self.extra = extra
    }

    /// The JSON body Stripe sends.
    public var body: JSONValue {
        var error = extra
        error["type"] = .string(type)
        error["message"] = .string(message)
        if let code { error["code"] = .string(code) }
        if let param { error["param"] = .string(param) }
        return .object(["error": .object(error)])
    }

    /// 400 `parameter_missing`.
    public static func missing(_ param: String) -> StripeError {
        StripeError(status: 400, type: "invalid_request_error", code: "parameter_missing",
                    message: "Missing required param: \(param).", param: param)
    }

    /// 400 `parameter_unknown`.
    public static func unknown(_ param: String) -> StripeError {
        StripeError(status: 400, type: "invalid_request_error", code: "parameter_unknown",
                    message: "Received unknown parameter: \(param)", param: param)
    }

    /// 400 `parameter_invalid_integer` and the like: a parameter with a bad value.
    public static func invalid(_ param: String, _ message: String, code: String = "parameter_invalid") -> StripeError {
        StripeError(status: 400, type: "invalid_request_error", code: code, message: message, param: param)
    }

    /// 404 `resource_missing` for an object id.
    public static func noSuch(_ noun: String, _ id: String, param: String = "id") -> StripeError {
        StripeError(status: 404, type: "invalid_request_error", code: "resource_missing",
                    message: "No such \(noun): '\(id)'", param: param)
    }

    /// 404 for a URL no route serves.
    public static func unrecognizedURL(method: String, path: String) -> StripeError {
        StripeError(status: 404, type: "invalid_request_error",
                    message: "Unrecognized request URL (\(method): \(path)). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.")
    }
}
