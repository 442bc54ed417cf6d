/// A parsed `Stripe-Signature` header: `t=<unix>,v1=<hex>[,v1=<hex>…][,v0=<hex>…]`.
public struct WebhookSignatureHeader: Sendable, Equatable {
    /// The signing time (Unix seconds).
    public let timestamp: Int
    /// The `v1` signatures, as sent (one per secret active at Stripe).
    public let v1Signatures: [String]

    /// Parses `text`: comma-separated `key=value` pairs; exactly one `t`, any number of `v1`;
    /// other schemes (`v0`) and unknown keys are ignored.
    public init(parsing text: String) throws(WebhookSignatureError) {
        guard !text.isEmpty else { throw .missingHeader }
        var timestamps: [Substring] = []
        var signatures: [String] = []
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingSpaces
            if key == "t" { timestamps.append(pair[1].trimmingSpaces) }
            if key == "v1" { signatures.append(String(pair[1].trimmingSpaces)) }
        }
        guard timestamps.count == 1, let timestamp = Int(timestamps[0]) else { throw .badTimestamp }
        guard !signatures.isEmpty else { throw .noV1Signature }
        self.timestamp = timestamp
        self.v1Signatures = signatures
    }
}

private extension Substring {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
