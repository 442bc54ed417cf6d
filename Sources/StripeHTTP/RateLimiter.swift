import Foundation

/// A client-side request rate limit shared by all concurrent requests, adapting to the server:
/// a 429 cuts the rate, successes raise it back toward the configured ceiling.
public final class RateLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private let ceiling: Double
    private let floor: Double
    private var rate: Double
    private var nextSlot: Double = 0
    private let clock: @Sendable () -> Double

    /// A limiter allowing `requestsPerSecond` at most.
    public init(requestsPerSecond: Double, clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        precondition(requestsPerSecond > 0, "rate must be positive")
        ceiling = requestsPerSecond
        floor = min(1, requestsPerSecond)
        rate = requestsPerSecond
        self.clock = clock
    }

    /// The current allowed rate, in requests per second.
    public var currentRate: Double {
        lock.lock()
        defer { lock.unlock() }
        return rate
    }

    /// Waits until the next request may start.
    public func acquire() {
        let wait = reserve()
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }

    /// Books the next start slot and returns how long to wait for it, in seconds.
    public func reserve() -> Double {
        lock.lock()
        defer { lock.unlock() }
        let now = clock()
        let slot = max(now, nextSlot)
        nextSlot = slot + 1 / rate
        return slot - now
    }

    /// Records a rate-limited response: the rate drops by a tenth. Gentle on purpose: a server
    /// that answers 429 to a steady share of requests whatever the rate (Stripe does, briefly,
    /// under load or lock contention) should not drive the rate down for good, while a real
    /// overload (most requests answered 429) still brings it down within a few dozen requests.
    public func recordRateLimited() {
        lock.lock()
        rate = max(floor, rate * 0.9)
        lock.unlock()
    }

    /// Records a successful response: the rate climbs back by 2% of the ceiling.
    public func recordSuccess() {
        lock.lock()
        rate = min(ceiling, rate + ceiling * 0.02)
        lock.unlock()
    }
}
