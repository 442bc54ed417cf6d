import Foundation

/// When and how long to wait before retrying one request: exponential backoff with full jitter,
/// honoring `Retry-After` and `Stripe-Should-Retry`.
///
/// The budgets are per request. A 429 says "slow down", not "failed": Stripe answers a steady
/// share of requests with it under load whatever the rate, so rate-limited attempts have a budget
/// of their own, large enough that each of a fetch's many thousand requests gets through (at one
/// request in two limited, a request gives up about once in a billion), while server errors and
/// dropped connections give up sooner.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included, while the failures are server errors, lock timeouts
    /// or dropped connections.
    public var maxAttempts: Int
    /// Attempts in all, the first included, while the answers are 429s.
    public var maxRateLimitedAttempts: Int
    /// The first backoff ceiling, in seconds.
    public var baseDelay: Double
    /// The largest backoff ceiling, in seconds (a longer `Retry-After` is cut to it).
    public var maxDelay: Double
    /// Waits the given number of seconds (`Thread.sleep`; injectable for tests).
    public var sleep: @Sendable (Double) -> Void

    /// Creates a policy.
    public init(maxAttempts: Int = 8, maxRateLimitedAttempts: Int = 30, baseDelay: Double = 0.25, maxDelay: Double = 20,
                sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        precondition(maxAttempts >= 1 && maxRateLimitedAttempts >= 1, "at least one attempt")
        precondition(baseDelay >= 0 && maxDelay >= baseDelay, "delays must be non-negative, the ceiling at least the base")
        self.maxAttempts = maxAttempts
        self.maxRateLimitedAttempts = maxRateLimitedAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.sleep = sleep
    }

    /// True when a response with `status` and headers should be retried.
    public func shouldRetry(status: Int, headers: [String: String], errorCode: String?) -> Bool {
        switch headers["stripe-should-retry"] {
        case "true": return true
        case "false": return false
        default: break
        }
        switch status {
        case 429, 500, 502, 503, 504: return true
        case 409: return errorCode == "lock_timeout"
        default: return false
        }
    }

    /// True when a transport failure (libcurl code) is worth retrying: connection and timeout errors.
    public func shouldRetry(curlCode: Int) -> Bool {
        // COULDNT_CONNECT 7, PARTIAL_FILE 18, OPERATION_TIMEDOUT 28, GOT_NOTHING 52,
        // SEND_ERROR 55, RECV_ERROR 56, HTTP2 16, HTTP2_STREAM 92.
        [7, 16, 18, 28, 52, 55, 56, 92].contains(curlCode)
    }

    /// Whether attempt `attempt + 1` may follow, `rateLimited` of the attempts so far having been
    /// answered 429 and the others having failed otherwise.
    public func allowsAnotherAttempt(after attempt: Int, rateLimited: Int) -> Bool {
        rateLimited < maxRateLimitedAttempts && attempt - rateLimited < maxAttempts
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): a random time up to the
    /// exponential ceiling, and never less than `Retry-After` (seconds, or an HTTP date) up to `maxDelay`.
    public func delay(afterAttempt attempt: Int, retryAfter: String?) -> Double {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(min(attempt, 63) - 1)))
        let jittered = Double.random(in: 0...ceiling)
        guard let seconds = retryAfter.flatMap(Self.seconds(retryAfter:)) else { return jittered }
        return max(jittered, min(seconds, maxDelay))
    }

    /// The wait a `Retry-After` value asks for: delay-seconds, or an HTTP date (less the time now).
    static func seconds(retryAfter value: String) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}
