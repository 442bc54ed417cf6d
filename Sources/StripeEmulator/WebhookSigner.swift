import Crypto
import Foundation

/// The emulator's own signer of deliveries, written from Stripe's description of the scheme
/// (independently of the verifier in `stripe-oltp serve`): `Stripe-Signature: t=<unix>,v1=<hex>`,
/// where hex is the lowercase HMAC-SHA256 of `"<unix>.<body>"` keyed with the `whsec_…` secret.
enum WebhookSigner {
    /// The header for `body` signed with `secret` at `timestamp`.
    static func header(body: String, secret: String, timestamp: Int) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: key)
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        return "t=\(timestamp),v1=\(hex)"
    }
}
