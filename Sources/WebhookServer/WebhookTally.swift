/// What one `serve` process received and did since its previous `webhook.summary` telemetry
/// event: the payload of the next one.
public struct WebhookTally: Sendable, Equatable, Encodable {
    /// Requests to the webhook path.
    public var received = 0
    /// Requests refused for their signature (answered 400).
    public var rejectedSignature = 0
    /// Verified events the database could not record (answered 503).
    public var unavailable = 0
    /// Verified events queued for the background applier (each is counted again by its outcome once applied).
    public var queued = 0
    /// Verified events that changed the database.
    public var applied = 0
    /// Verified events applied before.
    public var duplicate = 0
    /// Verified events older than the stored object.
    public var stale = 0
    /// Verified events of a type or object the database does not load.
    public var unknown = 0
    /// Verified events set aside with their reason.
    public var quarantined = 0

    /// All zeros.
    public init() {}

    /// Whether nothing was received.
    public var isEmpty: Bool { self == WebhookTally() }

    /// Counts one verified event's `outcome`.
    mutating func count(_ outcome: VerifiedEventOutcome) {
        switch outcome {
        case .applied: applied += 1
        case .duplicate: duplicate += 1
        case .stale: stale += 1
        case .unknown: unknown += 1
        case .quarantined: quarantined += 1
        case .queued: queued += 1
        }
    }
}
