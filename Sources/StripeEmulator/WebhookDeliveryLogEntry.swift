/// One delivery attempt of an event to a webhook endpoint, as the control endpoint reports it.
public struct WebhookDeliveryLogEntry: Sendable, Equatable {
    /// The `we_…` endpoint.
    public var endpointID: String
    /// The `evt_…` delivered.
    public var eventID: String
    /// The event's type.
    public var eventType: String
    /// 1 for the first attempt of this delivery, then 2, 3, … for retries.
    public var attempt: Int
    /// The status the endpoint answered; 0 when no answer came (refused, timed out).
    public var status: Int
    /// False when a fault signed this attempt with a wrong secret.
    public var signedCorrectly: Bool

    /// True for a 2xx answer.
    public var succeeded: Bool { (200..<300).contains(status) }

    /// The entry as JSON.
    public var json: JSONValue {
        .object(["endpoint": .string(endpointID), "event": .string(eventID), "type": .string(eventType),
                 "attempt": .int(attempt), "status": .int(status), "signed_correctly": .bool(signedCorrectly)])
    }
}
