/// How a synthetic dump file lays out its objects.
public enum SyntheticDumpFormat: String, CaseIterable, Sendable {
    /// One compact JSON object per line.
    case ndjson
    /// A Stripe list envelope: `{"object":"list","data":[...],"has_more":false,"url":"/v1/..."}`.
    case envelope
    /// A plain JSON array of objects.
    case array
}
