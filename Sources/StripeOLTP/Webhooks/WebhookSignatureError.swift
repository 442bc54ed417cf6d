/// Why a webhook's `Stripe-Signature` was not accepted. The text names the check that failed and
/// never the secret or the signature that was expected.
public enum WebhookSignatureError: Error, Equatable, CustomStringConvertible {
    /// The request carried no `Stripe-Signature` header (or an empty one).
    case missingHeader
    /// The header has no usable `t=` timestamp (absent, repeated or not an integer).
    case badTimestamp
    /// The header has no `v1=` signature (`v0` and other schemes are ignored).
    case noV1Signature
    /// No `v1` signature matches the payload under any configured secret.
    case noMatchingSignature
    /// The timestamp is older than the tolerance allows.
    case timestampTooOld(ageSeconds: Int, toleranceSeconds: Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .missingHeader:
            return "webhook signature rejected: no Stripe-Signature header"
        case .badTimestamp:
            return "webhook signature rejected: the Stripe-Signature header has no single integer timestamp (t=…)"
        case .noV1Signature:
            return "webhook signature rejected: the Stripe-Signature header has no v1 signature (other schemes are ignored)"
        case .noMatchingSignature:
            return "webhook signature rejected: no v1 signature matches the payload under any configured secret"
        case .timestampTooOld(let age, let tolerance):
            return "webhook signature rejected: the timestamp is \(age) s old, beyond the tolerance of \(tolerance) s"
        }
    }
}
