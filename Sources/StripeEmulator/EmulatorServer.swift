import Hummingbird
import ServerThreads
import Logging
import NIOCore
import Synchronization

/// Runs an ``Emulator`` as an HTTP server on a loopback address.
public struct EmulatorServer: Sendable {
    /// The engine being served.
    public let emulator: Emulator
    /// Host to bind (127.0.0.1 unless told otherwise).
    public let host: String
    /// Port to bind; 0 picks a free one.
    public let port: Int

    /// Creates a server for `emulator` on `host`:`port`.
    public init(emulator: Emulator, host: String = "127.0.0.1", port: Int = 12111) {
        self.emulator = emulator
        self.host = host
        self.port = port
    }

    /// Serves until the task is cancelled (or, with `handleSignals`, until SIGINT/SIGTERM).
    /// `onListening` receives the bound port once the server accepts connections.
    public func run(handleSignals: Bool = false, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "stripe-oltp-emulator")
        logger.logLevel = .critical
        let app = Application(
            responder: EmulatorResponder(emulator: emulator),
            configuration: .init(address: .hostname(host, port: port), serverName: "stripe-oltp-emulator"),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }

    /// Starts the server in a background task and returns once it listens. The server's tasks
    /// prefer threads of their own, so a caller blocking the shared concurrency pool while it
    /// waits for an answer cannot starve the server.
    public func start() async throws -> RunningEmulator {
        guard let started = await Self.threads.start({ onListening in try await run(onListening: onListening) }) else {
            throw StripeError(status: 500, type: "api_error", message: "The emulator could not listen on \(host):\(port)")
        }
        return RunningEmulator(emulator: emulator, host: host, port: started.port, task: started.task)
    }

    /// The threads every in-process emulator started with ``start()`` serves on.
    static let threads = ServerThreadPool(threads: 4, name: "stripe-oltp-emulator")
}
