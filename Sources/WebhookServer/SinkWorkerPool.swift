import Foundation

/// A fixed set of dedicated threads, each owning one ``VerifiedEventSink`` (and so one blocking
/// database connection), on which `serve` runs its blocking work, off Swift's shared concurrency
/// pool. A sink is made on first use; one that throws is dropped and made anew for the next job.
final class SinkWorkerPool: @unchecked Sendable {
    private typealias Job = (inout (any VerifiedEventSink)?) -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private let makeSink: @Sendable () throws -> any VerifiedEventSink

    /// Starts `threads` workers that make their sinks with `makeSink`.
    init(threads: Int, makeSink: @escaping @Sendable () throws -> any VerifiedEventSink) {
        precondition(threads > 0, "a pool needs at least one thread")
        self.makeSink = makeSink
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "stripe-oltp-serve-\(index)"
            thread.start()
        }
    }

    /// Runs `body` with a worker's sink and returns its result; errors (making the sink included)
    /// are rethrown and discard that sink.
    func run<T: Sendable>(_ body: @escaping @Sendable (any VerifiedEventSink) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let makeSink = self.makeSink
            enqueue { sink in
                do {
                    let current = try sink ?? makeSink()
                    sink = current
                    continuation.resume(returning: try body(current))
                } catch {
                    sink = nil
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private func enqueue(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        var sink: (any VerifiedEventSink)?
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job(&sink)
        }
    }
}
