/// How a `StripeClient` reaches Stripe.
public struct StripeClientConfiguration: Sendable {
    /// Stripe's production base URL.
    public static let defaultBaseURL = "https://api.stripe.com"
    /// The API version requests pin (`Stripe-Version`) and dumps record.
    public static let defaultAPIVersion = "2025-03-31.basil"
    /// This product's version, sent in the `User-Agent`.
    public static let productVersion = "0.1.0"

    /// The secret or restricted key (`sk_…`/`rk_…`); never printed.
    public let apiKey: String
    /// The base URL, without a trailing slash (`STRIPE_API_BASE`).
    public let baseURL: String
    /// The pinned API version.
    public let apiVersion: String
    /// The shared request rate limit.
    public let rateLimiter: RateLimiter
    /// When to retry.
    public let retryPolicy: RetryPolicy

    /// Validates and creates a configuration; the default rate is 25 requests/s for test keys
    /// and 100 for live ones.
    public init(
        apiKey: String, baseURL: String = defaultBaseURL, apiVersion: String = defaultAPIVersion,
        requestsPerSecond: Double? = nil, retryPolicy: RetryPolicy = RetryPolicy()
    ) throws {
        guard StripeClientConfiguration.isWellFormedKey(apiKey) else {
            throw HTTPError.configuration(StripeClientConfiguration.malformedKeyReason)
        }
        guard apiKey.hasPrefix("sk_") || apiKey.hasPrefix("rk_") else {
            throw HTTPError.configuration("STRIPE_SECRET_KEY must be a secret (sk_…) or restricted (rk_…) key")
        }
        guard baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") else {
            throw HTTPError.configuration("STRIPE_API_BASE must start with https:// or http:// (the value is not shown)")
        }
        guard URLUserinfo.isUnambiguous(baseURL) else {
            throw HTTPError.configuration(
                "STRIPE_API_BASE has an '@' after its host (a user name or password holding a raw '/', '?' or '#'?); "
                    + "percent-encode those characters; the value is not shown")
        }
        self.apiKey = apiKey
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiVersion = apiVersion
        let live = apiKey.hasPrefix("sk_live_") || apiKey.hasPrefix("rk_live_")
        self.rateLimiter = RateLimiter(requestsPerSecond: requestsPerSecond ?? (live ? 100 : 25))
        self.retryPolicy = retryPolicy
    }

    /// The base URL without any `user:password@` part, for manifests and messages.
    public var publicBaseURL: String { URLUserinfo.removed(from: baseURL) }

    /// Why a key that fails `isWellFormedKey` is refused; names no part of the key.
    public static let malformedKeyReason =
        "STRIPE_SECRET_KEY holds a character that cannot be part of a key (a newline, space, tab or other control "
        + "character, e.g. from a file read with its line end, or a non-ASCII one); nothing was sent; the key is not shown"

    /// True when `key` is not empty and holds only visible ASCII characters (no space); a newline
    /// or other control character would end up in a request header.
    public static func isWellFormedKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
    }

    /// True for a live-mode key.
    public var isLiveKey: Bool { apiKey.hasPrefix("sk_live_") || apiKey.hasPrefix("rk_live_") }

    /// The `User-Agent` sent with every request.
    public var userAgent: String { "stripe-oltp/\(StripeClientConfiguration.productVersion) libcurl/\(CurlRuntime.version)" }
}
