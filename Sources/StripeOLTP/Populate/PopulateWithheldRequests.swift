import Foundation

/// The requests a populate dry run would have sent but did not (every POST and DELETE), in order.
public final class PopulateWithheldRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [String] = []

    /// An empty log.
    public init() {}

    /// Notes `request` (`POST /v1/customers`).
    func add(_ request: String) {
        lock.lock()
        requests.append(request)
        lock.unlock()
    }

    /// The requests withheld so far.
    public var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return requests
    }

    /// How many requests were withheld so far.
    public var count: Int { all.count }
}
