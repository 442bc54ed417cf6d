/// A started ``WebhookServer``: where it listens and how to stop it.
public struct RunningWebhookServer: Sendable {
    /// The bound host.
    public let host: String
    /// The bound port.
    public let port: Int
    private let task: Task<Void, Never>

    init(host: String, port: Int, task: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.task = task
    }

    /// The URL Stripe (or the emulator) delivers to.
    public var webhookURL: String { "http://\(host):\(port)\(WebhookReceiver.webhookPath)" }

    /// The base URL (`http://127.0.0.1:PORT`).
    public var baseURL: String { "http://\(host):\(port)" }

    /// Stops serving and waits for the server to shut down.
    public func stop() async {
        task.cancel()
        await task.value
    }
}
