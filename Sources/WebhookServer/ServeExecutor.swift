import Foundation

/// A task executor with threads of its own, on which an in-process server started with
/// ``WebhookServer/start()`` handles its requests, so that callers blocking Swift's shared
/// concurrency pool (synchronous test code, blocking clients) cannot starve it.
@available(macOS 15.0, *)
final class ServeExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor every in-process server uses.
    static let shared = ServeExecutor(threads: 2)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts `threads` worker threads that run the enqueued jobs for the life of the process.
    init(threads: Int) {
        precondition(threads > 0, "an executor needs at least one thread")
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "stripe-oltp-serve-executor-\(index)"
            thread.start()
        }
    }

    /// Queues `job` for the next free thread.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
