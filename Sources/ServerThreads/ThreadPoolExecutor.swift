import Foundation

/// A task executor with threads of its own, on which an in-process server (the emulator, the
/// webhook receiver) handles its requests: callers that block Swift's shared concurrency pool
/// (synchronous tests, blocking HTTP or database clients) then cannot starve the server they are
/// waiting for.
@available(macOS 15.0, *)
public final class ThreadPoolExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts `threads` worker threads named `name-0`, `name-1`, … that run the enqueued jobs for
    /// the life of the process.
    public init(threads: Int, name: String) {
        precondition(threads > 0, "an executor needs at least one thread")
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues `job` for the next free worker thread.
    public func enqueue(_ job: consuming ExecutorJob) {
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
