/// The layout of a dump file, detected from its content.
public enum DumpFormat: String, Sendable, CaseIterable {
    /// A Stripe list envelope `{"object":"list","data":[...],...}`: the objects are the `data` elements.
    case envelope
    /// A plain JSON array of objects.
    case array
    /// Newline-delimited (or simply concatenated) objects, one Stripe object each.
    case ndjson
}
