/// A started ``EmulatorServer``: where it listens and how to stop it.
public struct RunningEmulator: Sendable {
    /// The engine being served.
    public let emulator: Emulator
    /// The bound host.
    public let host: String
    /// The bound port.
    public let port: Int
    private let task: Task<Void, Never>

    init(emulator: Emulator, host: String, port: Int, task: Task<Void, Never>) {
        self.emulator = emulator
        self.host = host
        self.port = port
        self.task = task
    }

    /// The base URL clients use (`http://127.0.0.1:PORT`).
    public var baseURL: String { "http://\(host):\(port)" }

    /// Stops serving and waits for the server to shut down.
    public func stop() async {
        task.cancel()
        await task.value
    }
}
