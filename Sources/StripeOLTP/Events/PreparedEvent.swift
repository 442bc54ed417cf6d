import StripeSchema

/// A verified event made ready to write: its own row for `stripe.events`, and the rows of the
/// object it reports (nil for an event type or object the catalog does not load).
struct PreparedEvent {
    /// The rows of the object an event reports, and the version they are at.
    struct Target {
        /// The resource whose table the object belongs to.
        var resource: Resource
        /// The object's id.
        var objectID: String
        /// The object's rows (a live row or a deletion marker, and embedded objects).
        var buffer: StagingBuffer
        /// The event's `created` and the object's `updated`; the arrival is drawn when written.
        var created: Int64
        var objectUpdated: Int64?
        /// The event's lifecycle rank (`EventVersion.rank(ofType:deleted:)`).
        var rank: Int

        /// The row-version key of the object's row.
        var key: RowVersions.Key { RowVersions.Key(table: resource.tableName, objectID: objectID) }
    }

    /// The event id.
    var id: String
    /// The event type.
    var type: String
    /// The event's row for `stripe.events`.
    var row: StagingBuffer.LiveRow
    /// The object's rows, or nil.
    var target: Target?
    /// The event's `livemode`, checked against the schema's mode; nil when it has none.
    var livemode: Bool?
}
