import StripeSchema

/// How one resource stands in the database, for `stripe-oltp status`.
public struct ResourceStatus: Sendable, Codable, Equatable {
    /// The resource.
    public var resource: Resource
    /// Rows holding a real object (placeholders not counted).
    public var rows: Int
    /// Placeholder rows: objects referenced but in no dump yet.
    public var placeholders: Int
    /// Rejected objects (distinct) not loaded by any later run.
    public var rejects: Int
    /// The newest `created` (unix seconds) among the loaded rows; nil when there is none.
    public var newestCreated: Int?
    /// Seconds since the fetch that produced the resource's cursor began; nil without a cursor.
    public var cursorAgeSeconds: Int?
}
