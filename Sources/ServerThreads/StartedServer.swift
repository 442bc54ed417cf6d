/// A server ``ServerThreadPool/start(_:)`` started: the port it listens on and the task serving.
public struct StartedServer: Sendable {
    /// The bound port.
    public let port: Int
    /// The task serving; cancelling it stops the server.
    public let task: Task<Void, Never>

    /// A started server listening on `port`, served by `task`.
    public init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }
}
