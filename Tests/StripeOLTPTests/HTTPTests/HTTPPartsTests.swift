import Foundation
import StripeHTTP
import Testing

@Suite("HTTP layer parts")
struct HTTPPartsTests {
    @Test("form parameters use Stripe's bracket syntax, percent-encoded")
    func formEncoding() {
        let encoded = FormValue.encode([
            ("email", "a+b@example.com"),
            ("metadata", .object([("tier", "gold & co")])),
            ("items", .array([.object([("price", "price_1"), ("quantity", "2")])])),
            ("expand", .array(["data.customer", "data.invoice"])),
        ])
        #expect(encoded == "email=a%2Bb%40example.com"
            + "&metadata%5Btier%5D=gold%20%26%20co"
            + "&items%5B0%5D%5Bprice%5D=price_1&items%5B0%5D%5Bquantity%5D=2"
            + "&expand%5B%5D=data.customer&expand%5B%5D=data.invoice")
    }

    @Test("retries on 429, 5xx and lock timeouts, obeying Stripe-Should-Retry")
    func retryDecisions() {
        let policy = RetryPolicy()
        #expect(policy.shouldRetry(status: 429, headers: [:], errorCode: "rate_limit"))
        #expect(policy.shouldRetry(status: 503, headers: [:], errorCode: nil))
        #expect(policy.shouldRetry(status: 409, headers: [:], errorCode: "lock_timeout"))
        #expect(!policy.shouldRetry(status: 409, headers: [:], errorCode: "idempotency_error"))
        #expect(!policy.shouldRetry(status: 400, headers: [:], errorCode: "parameter_missing"))
        #expect(!policy.shouldRetry(status: 500, headers: ["stripe-should-retry": "false"], errorCode: nil))
        #expect(policy.shouldRetry(status: 400, headers: ["stripe-should-retry": "true"], errorCode: nil))
        #expect(policy.shouldRetry(curlCode: 7))
        #expect(!policy.shouldRetry(curlCode: 60))  // a TLS certificate problem is not retried
    }

    @Test("backoff is jittered between zero and its exponential ceiling (capped at maxDelay) and honors Retry-After up to maxDelay")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: 0.5, maxDelay: 4)
        for attempt in 1...8 {
            let ceiling = min(4, 0.5 * pow(2, Double(attempt - 1)))
            let delays = (0..<400).map { _ in policy.delay(afterAttempt: attempt, retryAfter: nil) }
            #expect(delays.allSatisfy { $0 >= 0 && $0 <= ceiling }, "attempt \(attempt): outside 0…\(ceiling)")
            // Full jitter: spread over the whole range, not a fixed delay (400 uniform draws all
            // landing in one fifth of the range has a probability below 1e-38).
            #expect(delays.min()! < ceiling * 0.2, "attempt \(attempt): no short delay in 400 draws")
            #expect(delays.max()! > ceiling * 0.8, "attempt \(attempt): no long delay in 400 draws")
            #expect(Set(delays).count > 300, "attempt \(attempt): delays repeat")
        }
        for _ in 0..<100 {
            let honored = policy.delay(afterAttempt: 1, retryAfter: "3")
            #expect(honored >= 3 && honored <= 4)
            #expect(policy.delay(afterAttempt: 1, retryAfter: "120") == 4)
            #expect(policy.delay(afterAttempt: 1, retryAfter: "soon") <= 0.5)
        }
    }

    @Test("the rate limiter spaces requests and adapts to 429s")
    func rateLimiter() {
        final class FakeClock: @unchecked Sendable { var now = 100.0 }
        let clock = FakeClock()
        let limiter = RateLimiter(requestsPerSecond: 10, clock: { clock.now })
        #expect(limiter.reserve() == 0)
        #expect(abs(limiter.reserve() - 0.1) < 1e-9)
        #expect(abs(limiter.reserve() - 0.2) < 1e-9)
        limiter.recordRateLimited()
        #expect(abs(limiter.currentRate - 9) < 1e-9)
        for _ in 0..<30 { limiter.recordRateLimited() }
        #expect(abs(limiter.currentRate - 1) < 1e-9)  // never below one request per second
        for _ in 0..<100 { limiter.recordSuccess() }
        #expect(limiter.currentRate == 10)
    }

    @Test("keys are redacted from every message")
    func redaction() throws {
        let error = StripeAPIError(
            status: 401, type: "invalid_request_error", code: nil,
            message: "Invalid API Key provided: sk_test_abcdef123456", param: nil, requestID: "req_1", request: "GET /v1/customers")
        #expect(!error.description.contains("abcdef123456"))
        #expect(error.description.contains("req_1"))
        #expect(throws: HTTPError.self) { _ = try StripeClientConfiguration(apiKey: "pk_test_public") }
        let config = try StripeClientConfiguration(apiKey: "sk_live_x", baseURL: "http://127.0.0.1:1/")
        #expect(config.isLiveKey)
        #expect(config.baseURL == "http://127.0.0.1:1")
        #expect(config.rateLimiter.currentRate == 100)
    }

    @Test("a refused connection is a transport error naming the URL, retried then reported")
    func refusedConnection() throws {
        let config = try StripeClientConfiguration(
            apiKey: "sk_test_secretvalue", baseURL: "http://127.0.0.1:1",
            retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.01))
        let client = try StripeClient(configuration: config)
        let error = try #require(throws: HTTPError.self) { try client.send(.get, "/v1/customers") }
        guard case .transport(let url, let code, _) = error else {
            Issue.record("expected a transport error, got \(error)")
            return
        }
        #expect(url == "http://127.0.0.1:1/v1/customers")
        #expect(code == 7)
        #expect(client.retries == 1)
        #expect(!error.description.contains("secretvalue"))
    }
}
