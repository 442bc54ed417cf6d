import Foundation

/// When and how long to wait before retrying: exponential backoff with full jitter, honoring
/// `Retry-After` and `Stripe-Should-Retry`.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The first backoff ceiling, in seconds.
    public var baseDelay: Double
    /// The largest backoff ceiling, in seconds.
    public var maxDelay: Double

    /// Creates a policy.
    public init(maxAttempts: Int = 8, baseDelay: Double = 0.25, maxDelay: Double = 20) {
        precondition(maxAttempts >= 1, "at least one attempt")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
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

    /// The wait before attempt `attempt + 1` (attempt counts from 1): a random time up to the
    /// exponential ceiling, and never less than `Retry-After`.
    public func delay(afterAttempt attempt: Int, retryAfter: String?) -> Double {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        let jittered = Double.random(in: 0...ceiling)
        if let retryAfter, let seconds = Double(retryAfter) { return max(jittered, min(seconds, maxDelay)) }
        return jittered
    }
}
