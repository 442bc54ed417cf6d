import Crypto
import Foundation

/// Checks Stripe webhook signatures: HMAC-SHA256 over `"{t}.{raw body}"`, keyed with the whole
/// `whsec_…` secret as UTF-8, compared in constant time as lowercase hex against every `v1`
/// signature of the header under every configured secret (so a rotated secret keeps working
/// while both are configured). Timestamps older than the tolerance are refused; `v0` is ignored.
/// The body is never parsed here.
public struct WebhookSignatureVerifier: Sendable {
    /// Stripe's default tolerance, in seconds.
    public static let defaultToleranceSeconds = 300

    private let keys: [[UInt8]]
    /// The largest accepted age of a signature, in seconds; 0 turns the age check off.
    public let toleranceSeconds: Int

    /// A verifier for `secrets` (at least one, none empty) with `toleranceSeconds` (≥ 0).
    public init(secrets: [String], toleranceSeconds: Int = WebhookSignatureVerifier.defaultToleranceSeconds) {
        precondition(!secrets.isEmpty && !secrets.contains(where: \.isEmpty), "a verifier needs at least one non-empty secret")
        precondition(toleranceSeconds >= 0, "the tolerance cannot be negative")
        self.keys = secrets.map { Array($0.utf8) }
        self.toleranceSeconds = toleranceSeconds
    }

    /// The secrets of a comma-separated list (as `STRIPE_WEBHOOK_SECRET` holds them), spaces and
    /// empty entries dropped.
    public static func secrets(fromList list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Checks `header` against the raw `payload` at time `now` (Unix seconds) and returns the
    /// signed timestamp; throws which check failed.
    @discardableResult
    public func verify(payload: [UInt8], header: String?, now: Int) throws(WebhookSignatureError) -> Int {
        let parsed = try WebhookSignatureHeader(parsing: header ?? "")
        let signed = Array("\(parsed.timestamp).".utf8) + payload
        let candidates = parsed.v1Signatures.map { Array($0.utf8) }
        let matched = keys.contains { key in
            let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
            let expected = Self.lowercaseHex(mac)
            return candidates.contains { Self.constantTimeEqual($0, expected) }
        }
        guard matched else { throw .noMatchingSignature }
        let age = now - parsed.timestamp
        if toleranceSeconds > 0, age > toleranceSeconds {
            throw .timestampTooOld(ageSeconds: age, toleranceSeconds: toleranceSeconds)
        }
        return parsed.timestamp
    }

    /// The digest's bytes as lowercase hexadecimal characters (UTF-8).
    static func lowercaseHex<D: Sequence>(_ digest: D) -> [UInt8] where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }

    /// Compares two byte strings in time that depends on their length only.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
