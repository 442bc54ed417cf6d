import Foundation

/// A task executor with one thread of its own, for test code that blocks (the HTTP client, the
/// fetcher, the CLI) while an in-process server needs the shared concurrency pool.
///
/// Unlike a bare `Thread`, code run through `run(_:)` stays in the calling task, so its task-local
/// values — among them the test that is running — are still there, and an `#expect` failing in
/// the blocking code is recorded against that test.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    /// Starts the executor's thread, with a stack of `stackSize` bytes.
    public init(stackSize: Int = 8 << 20) {
        let thread = Thread { [self] in drain() }
        thread.stackSize = stackSize
        thread.start()
    }

    /// Runs `body` on a new executor's thread, within the calling task, and stops the executor.
    public static func run<T>(_ body: () throws -> T) async rethrows -> T {
        let executor = DedicatedThreadExecutor()
        defer { executor.stop() }
        return try await withTaskExecutorPreference(executor) { try body() }
    }

    /// Queues a job for the thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the queued jobs have run.
    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func drain() {
        while let job = next() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func next() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !stopped { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
