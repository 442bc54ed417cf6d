import Foundation
@testable import ServerThreads
import Testing

/// Both in-process servers start through ``ServerThreadPool/start(_:)``: it returns once the
/// server reports its port, with the server running on the pool's threads, and says so when the
/// server never listens.
@Suite("Server thread pool")
struct ServerThreadPoolTests {
    static let pool = ServerThreadPool(threads: 1, name: "server-pool-test")

    /// True when the calling task runs on ``pool``'s executor.
    static func runsOnPool() -> Bool {
        guard #available(macOS 15.0, *), let executor = pool.executor as? ThreadPoolExecutor else { return false }
        return withUnsafeCurrentTask { $0?.unownedTaskExecutor } == executor.asUnownedTaskExecutor()
    }

    @Test("start returns the reported port and a task that serves on the pool's threads until cancelled")
    func startsAndStops() async throws {
        let onPool = Observed<Bool>()
        let started = try #require(await Self.pool.start { onListening in
            onPool.set(Self.runsOnPool())
            await onListening(4242)
            while !Task.isCancelled { try await Task.sleep(nanoseconds: 1_000_000) }
        })
        #expect(started.port == 4242)
        #expect(onPool.value == true)
        #expect(!Self.runsOnPool(), "the caller itself is not moved onto the pool")
        started.task.cancel()
        await started.task.value
    }

    @Test("a server that fails or reports no port before listening gives nil", arguments: [true, false])
    func neverListens(throwsError: Bool) async {
        let started = await Self.pool.start { onListening in
            if throwsError { throw CocoaError(.fileNoSuchFile) }
            await onListening(0)
        }
        #expect(started == nil)
    }
}
