import StripeSchema

/// What loading one resource did.
public struct ResourceSummary: Sendable, Codable, Equatable {
    /// How the resource's load ended.
    public enum Outcome: String, Sendable, Codable {
        /// Loaded and committed (possibly with rejected objects).
        case loaded
        /// No dump file for this resource; nothing was done.
        case missing
        /// The load failed and was rolled back; nothing of it was kept.
        case failed
    }

    /// The resource.
    public var resource: Resource
    /// The dump file read, when there was one.
    public var file: String?
    /// How it ended.
    public var outcome: Outcome = .loaded
    /// Objects read from the file (live objects, deletion markers and rejects).
    public var read = 0
    /// Rows inserted.
    public var inserted = 0
    /// Rows updated because the object changed (or replaced a placeholder).
    public var updated = 0
    /// Objects identical to the stored row; not rewritten.
    public var unchanged = 0
    /// Rows marked deleted by deletion markers.
    public var deleted = 0
    /// Placeholder rows this load created, in any table, for referenced objects it did not find.
    public var placeholdersCreated = 0
    /// Placeholder rows left in this resource's table when the run ended: objects referenced
    /// but in no dump (for example deleted in Stripe).
    public var placeholders = 0
    /// Placeholder rows of this resource replaced by the real object.
    public var placeholdersReplaced = 0
    /// Rows of this resource filled at the run's end from objects found expanded inside others,
    /// because no dump held them (`is_embedded`).
    public var embedded = 0
    /// Why the objects of this resource found inside others could not be added, when they could
    /// not (they were left out; the resource's own load stands).
    public var embeddedError: String?
    /// Rows of this resource whose empty column another resource's rows filled (an invoice's
    /// payment intent, from its invoice payments).
    public var filled = 0
    /// Child rows (subscription items, invoice lines) written.
    public var childRows = 0
    /// Objects that could not be transformed and were recorded in `stripe_oltp.ingest_rejects`.
    public var rejected = 0
    /// Wall time, in seconds.
    public var seconds = 0.0
    /// Why the load failed, when it did.
    public var error: String?

    /// An empty summary for `resource`.
    public init(resource: Resource, file: String? = nil) {
        self.resource = resource
        self.file = file
    }
}
