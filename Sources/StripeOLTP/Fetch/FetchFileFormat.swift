/// How a fetch writes each resource's dump file; ingest reads both.
public enum FetchFileFormat: String, Sendable, Codable, CaseIterable {
    /// One object per line.
    case ndjson
    /// A Stripe list envelope `{"object":"list","data":[…]}`.
    case envelope
}
