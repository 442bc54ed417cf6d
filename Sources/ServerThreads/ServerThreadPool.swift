/// The threads an in-process server (the emulator, the webhook receiver) serves on, and the one
/// way such a server is started in the background: callers that block Swift's shared concurrency
/// pool while they wait for an answer then cannot starve the server.
public final class ServerThreadPool: Sendable {
    /// A ``ThreadPoolExecutor`` where the platform has task executors; nil elsewhere.
    let executor: (any Sendable)?

    /// Starts `threads` threads named `name-0`, `name-1`, … (on a platform without task
    /// executors, the server runs on the shared pool instead).
    public init(threads: Int, name: String) {
        if #available(macOS 15.0, *) {
            executor = ThreadPoolExecutor(threads: threads, name: name)
        } else {
            executor = nil
        }
    }

    /// Runs `serve` in a background task on these threads and returns once it listens: `serve`
    /// serves until cancelled and calls its argument with the bound port once it accepts
    /// connections. Nil (the task cancelled) when it ends or reports no port before that.
    public func start(
        _ serve: @escaping @Sendable (_ onListening: @escaping @Sendable (Int) async -> Void) async throws -> Void
    ) async -> StartedServer? {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let task = makeTask {
            do {
                try await serve { port in continuation.yield(port) }
            } catch {
                continuation.finish()
            }
            continuation.finish()
        }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            return nil
        }
        return StartedServer(port: port, task: task)
    }

    private func makeTask(_ operation: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        if #available(macOS 15.0, *), let executor = executor as? ThreadPoolExecutor {
            return Task(executorPreference: executor, operation: operation)
        }
        return Task(operation: operation)
    }
}
