/// One endpoint an event is delivered to: its id, URL and signing secret.
public struct WebhookTarget: Sendable, Equatable {
    /// The `we_…` id.
    public var endpointID: String
    /// Where deliveries are POSTed.
    public var url: String
    /// The endpoint's `whsec_…` secret.
    public var secret: String
}
