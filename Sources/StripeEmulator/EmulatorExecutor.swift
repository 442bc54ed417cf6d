import Foundation

/// A task executor with threads of its own, on which an in-process emulator serves its requests:
/// callers that block Swift's shared concurrency pool (synchronous tests, blocking HTTP clients)
/// then cannot starve the server they are waiting for.
@available(macOS 15.0, *)
final class EmulatorExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor every in-process emulator started with ``EmulatorServer/start()`` uses.
    static let shared = EmulatorExecutor(threads: 4)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts `threads` worker threads that run the enqueued jobs for the life of the process.
    init(threads: Int) {
        precondition(threads > 0, "an executor needs at least one thread")
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "stripe-oltp-emulator-\(index)"
            thread.start()
        }
    }

    /// Queues `job` for the next free worker thread.
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
