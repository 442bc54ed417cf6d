import StripeOLTP
import Testing

/// Signatures here were computed outside this project (Python's `hmac` over `"{t}.{body}"`), so
/// the verifier is checked against the scheme itself, not against its own output.
@Suite("Webhook signature verification")
struct WebhookSignatureVerifierTests {
    static let body = Array(#"{"id":"evt_1","object":"event","type":"customer.created"}"#.utf8)
    static let signedAt = 1_700_000_000
    static let secretOne = "whsec_test_secret_one"
    static let secretTwo = "whsec_test_secret_two"
    static let signatureOne = "4cfa63f0b966e9f4e6b2ef24c46cdbbeaa3bfefe38a11439222bb684d3f2dcb4"
    static let signatureTwo = "f8ab9549765c2ccc1f364480dfccccb5163b66017ac80712e02d7b644ef70f03"

    func verifier(_ secrets: [String] = [secretOne], tolerance: Int = 300) -> WebhookSignatureVerifier {
        WebhookSignatureVerifier(secrets: secrets, toleranceSeconds: tolerance)
    }

    func failure(_ header: String?, body: [UInt8] = body, secrets: [String] = [secretOne], now: Int = signedAt + 5,
                 tolerance: Int = 300) -> WebhookSignatureError? {
        do {
            try verifier(secrets, tolerance: tolerance).verify(payload: body, header: header, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test("a correct v1 signature is accepted and its timestamp returned")
    func accepted() throws {
        let header = "t=\(Self.signedAt),v1=\(Self.signatureOne)"
        #expect(try verifier().verify(payload: Self.body, header: header, now: Self.signedAt + 5) == Self.signedAt)
    }

    @Test("a tampered body is rejected as not matching")
    func tamperedBody() {
        var body = Self.body
        body[body.count - 3] = UInt8(ascii: "X")
        #expect(failure("t=\(Self.signedAt),v1=\(Self.signatureOne)", body: body) == .noMatchingSignature)
    }

    @Test("a signature made with another secret is rejected")
    func wrongSecret() {
        #expect(failure("t=\(Self.signedAt),v1=\(Self.signatureTwo)") == .noMatchingSignature)
    }

    @Test("a changed timestamp breaks the signature")
    func changedTimestamp() {
        #expect(failure("t=\(Self.signedAt + 1),v1=\(Self.signatureOne)") == .noMatchingSignature)
    }

    @Test("uppercase hex is rejected, as Stripe's SDKs do")
    func uppercaseHex() {
        #expect(failure("t=\(Self.signedAt),v1=\(Self.signatureOne.uppercased())") == .noMatchingSignature)
    }

    @Test("v0 signatures are ignored: a header with only v0 has no signature to check")
    func v0Only() {
        #expect(failure("t=\(Self.signedAt),v0=\(Self.signatureOne)") == .noV1Signature)
    }

    @Test("a v0 beside a valid v1 does not get in the way")
    func v0BesideV1() throws {
        let header = "t=\(Self.signedAt),v0=\(Self.signatureTwo),v1=\(Self.signatureOne)"
        #expect(try verifier().verify(payload: Self.body, header: header, now: Self.signedAt) == Self.signedAt)
    }

    @Test("rotation: any matching v1 under any configured secret is accepted")
    func rotation() throws {
        let both = verifier([Self.secretOne, Self.secretTwo])
        for header in ["t=\(Self.signedAt),v1=\(Self.signatureTwo)",
                       "t=\(Self.signedAt),v1=\("0" + Self.signatureOne.dropFirst()),v1=\(Self.signatureOne)"] {
            #expect(try both.verify(payload: Self.body, header: header, now: Self.signedAt) == Self.signedAt)
        }
        #expect(failure("t=\(Self.signedAt),v1=\(Self.signatureTwo)", secrets: [Self.secretOne]) == .noMatchingSignature)
    }

    @Test("a timestamp older than the tolerance is rejected; at the limit and in the future it is not")
    func staleTimestamp() throws {
        let header = "t=\(Self.signedAt),v1=\(Self.signatureOne)"
        #expect(failure(header, now: Self.signedAt + 301) == .timestampTooOld(ageSeconds: 301, toleranceSeconds: 300))
        #expect(failure(header, now: Self.signedAt + 300) == nil)
        #expect(failure(header, now: Self.signedAt - 10_000) == nil)
        #expect(failure(header, now: Self.signedAt + 61, tolerance: 60) == .timestampTooOld(ageSeconds: 61, toleranceSeconds: 60))
        #expect(failure(header, now: Self.signedAt + 100_000, tolerance: 0) == nil)
    }

    @Test("a missing header, a missing or repeated timestamp are rejected, naming the check")
    func malformed() {
        #expect(failure(nil) == .missingHeader)
        #expect(failure("") == .missingHeader)
        #expect(failure("v1=\(Self.signatureOne)") == .badTimestamp)
        #expect(failure("t=abc,v1=\(Self.signatureOne)") == .badTimestamp)
        #expect(failure("t=\(Self.signedAt),t=\(Self.signedAt),v1=\(Self.signatureOne)") == .badTimestamp)
    }

    @Test("error texts name the failed check and never the secret or the expected signature")
    func errorTextsKeepSecrets() {
        let errors: [WebhookSignatureError?] = [
            failure("t=\(Self.signedAt),v1=\(Self.signatureTwo)"), failure(nil),
            failure("t=\(Self.signedAt),v1=\(Self.signatureOne)", now: Self.signedAt + 999),
        ]
        for error in errors {
            let text = error.map(\.description) ?? ""
            #expect(text.hasPrefix("webhook signature rejected: "))
            #expect(!text.contains(Self.secretOne) && !text.contains(Self.signatureOne) && !text.contains("whsec_"))
        }
    }

    @Test("STRIPE_WEBHOOK_SECRET lists are split on commas, blanks dropped")
    func secretList() {
        #expect(WebhookSignatureVerifier.secrets(fromList: " whsec_a, ,whsec_b,") == ["whsec_a", "whsec_b"])
        #expect(WebhookSignatureVerifier.secrets(fromList: "").isEmpty)
    }
}
