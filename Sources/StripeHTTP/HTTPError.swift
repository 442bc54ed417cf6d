/// Every failure of the HTTP layer, with any API key and URL user information removed from its text.
public enum HTTPError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The request could not be completed (connection refused or dropped, timeout, TLS).
    case transport(url: String, code: Int, message: String)
    /// Stripe answered with an error object.
    case api(StripeAPIError)
    /// The client was set up with unusable settings (no key, a bad base URL).
    case configuration(String)

    /// A message naming the URL or setting and the reason.
    public var description: String {
        switch self {
        case .transport(let url, let code, let message):
            return KeyRedaction.redact("request to \(URLUserinfo.removed(from: url)) failed: \(message) (libcurl error \(code))")
        case .api(let error):
            return error.description
        case .configuration(let message):
            return KeyRedaction.redact("HTTP client configuration: \(message)")
        }
    }
}
