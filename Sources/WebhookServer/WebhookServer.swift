import Hummingbird
import ServerThreads
import Logging
import NIOCore

/// Runs a ``WebhookReceiver`` as an HTTP server (`stripe-oltp serve`).
public struct WebhookServer: Sendable {
    /// The logic being served.
    public let receiver: WebhookReceiver
    /// Host to bind.
    public let host: String
    /// Port to bind; 0 picks a free one.
    public let port: Int

    /// Creates a server for `receiver` on `host`:`port`.
    public init(receiver: WebhookReceiver, host: String = "127.0.0.1", port: Int = 8765) {
        self.receiver = receiver
        self.host = host
        self.port = port
    }

    /// Serves until the task is cancelled (or, with `handleSignals`, until SIGINT/SIGTERM);
    /// `onListening` receives the bound port once connections are accepted.
    public func run(handleSignals: Bool = false, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "stripe-oltp-serve")
        logger.logLevel = .critical
        let app = Application(
            responder: WebhookResponder(receiver: receiver),
            configuration: .init(address: .hostname(host, port: port), serverName: "stripe-oltp-serve"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }

    /// Starts serving in a background task, on threads of its own (see ``threads``), and
    /// returns once the server listens.
    public func start() async throws -> RunningWebhookServer {
        guard let started = await Self.threads.start({ onListening in try await run(onListening: onListening) }) else {
            throw WebhookServerError.cannotListen(host: host, port: port)
        }
        return RunningWebhookServer(host: host, port: started.port, task: started.task)
    }

    /// The threads every in-process webhook server started with ``start()`` serves on.
    static let threads = ServerThreadPool(threads: 2, name: "stripe-oltp-serve")
}
