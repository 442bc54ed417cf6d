import Foundation
import StripeSchema

/// Counters shared by a fetch's workers, reported as progress at most four times a second.
final class FetchCounters: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var progress = FetchProgress(objects: 0, requests: 0, retries: 0, seconds: 0)
    private var requestsByResource: [Resource: Int] = [:]
    private var lastReport = Date.distantPast
    private let report: (@Sendable (FetchProgress) -> Void)?

    /// Counters reporting to `report`.
    init(report: (@Sendable (FetchProgress) -> Void)?) {
        self.report = report
    }

    /// Adds requests and retries made for `resource`.
    func addRequests(_ requests: Int, retries: Int, rateLimited: Int = 0, resource: Resource?) {
        lock.lock()
        progress.requests += requests
        progress.retries += retries
        progress.rateLimited += rateLimited
        if let resource { requestsByResource[resource, default: 0] += requests }
        lock.unlock()
        maybeReport()
    }

    /// Adds written objects.
    func addObjects(_ count: Int) {
        lock.lock()
        progress.objects += count
        lock.unlock()
        maybeReport()
    }

    /// Requests made for `resource`.
    func requests(for resource: Resource) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return requestsByResource[resource] ?? 0
    }

    /// The current totals.
    var snapshot: FetchProgress {
        lock.lock()
        defer { lock.unlock() }
        var copy = progress
        copy.seconds = Date().timeIntervalSince(started)
        return copy
    }

    private func maybeReport() {
        guard let report else { return }
        lock.lock()
        let now = Date()
        guard now.timeIntervalSince(lastReport) >= 0.25 else {
            lock.unlock()
            return
        }
        lastReport = now
        var copy = progress
        copy.seconds = now.timeIntervalSince(started)
        // Reported under the lock so progress lines never interleave.
        report(copy)
        lock.unlock()
    }
}
