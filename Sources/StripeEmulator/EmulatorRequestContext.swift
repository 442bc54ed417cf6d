import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the connection, so a fault can drop it.
public struct EmulatorRequestContext: RequestContext {
    /// Hummingbird's core context storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    /// Creates the context for one request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
