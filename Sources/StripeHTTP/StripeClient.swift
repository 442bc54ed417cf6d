import Foundation

/// Calls Stripe's REST API: form-encoded requests, a pinned API version, the shared rate limit,
/// retries with backoff, idempotency keys on POST, and errors that carry Stripe's type, code,
/// message and request id — never the key.
///
/// One client serves one request at a time (it owns one reusable connection); give each
/// concurrent worker its own client built on the same configuration.
public final class StripeClient {
    /// The configuration.
    public let configuration: StripeClientConfiguration
    private let transport: CurlTransport
    /// Retries performed so far (429s, 5xx and dropped connections that were retried).
    public private(set) var retries = 0
    /// Requests sent so far, retries included.
    public private(set) var requestsSent = 0
    /// Answers 429 (rate limited) received so far, retried or not.
    public private(set) var rateLimitedResponses = 0

    /// Creates a client.
    public init(configuration: StripeClientConfiguration) throws {
        self.configuration = configuration
        transport = try CurlTransport()
    }

    /// Sends `method path` with `parameters` (query string for GET and DELETE, form body for POST)
    /// and returns the successful response. POSTs carry `idempotencyKey` (a new one when nil),
    /// kept across retries so a retried create never duplicates.
    public func send(
        _ method: HTTPMethod, _ path: String, parameters: [(String, FormValue)] = [], idempotencyKey: String? = nil
    ) throws -> HTTPResponse {
        precondition(path.hasPrefix("/"), "path must start with /")
        let encoded = FormValue.encode(parameters)
        var url = configuration.baseURL + path
        var body: [UInt8]?
        if method == .post {
            body = Array(encoded.utf8)
        } else if !encoded.isEmpty {
            url += (path.contains("?") ? "&" : "?") + encoded
        }
        var headers = [
            "Authorization: Bearer \(configuration.apiKey)",
            "Stripe-Version: \(configuration.apiVersion)",
            "Accept: application/json",
        ]
        if method == .post {
            headers.append("Content-Type: application/x-www-form-urlencoded")
            headers.append("Idempotency-Key: \(idempotencyKey ?? UUID().uuidString.lowercased())")
        }
        let policy = configuration.retryPolicy
        var attempt = 0
        var rateLimited = 0
        while true {
            attempt += 1
            configuration.rateLimiter.acquire()
            requestsSent += 1
            let response: HTTPResponse
            do {
                response = try transport.perform(
                    method: method, url: url, headers: headers, body: body, userAgent: configuration.userAgent)
            } catch let error as HTTPError {
                if case .transport(_, let code, _) = error, policy.shouldRetry(curlCode: code),
                   policy.allowsAnotherAttempt(after: attempt, rateLimited: rateLimited) {
                    retries += 1
                    policy.sleep(policy.delay(afterAttempt: attempt, retryAfter: nil))
                    continue
                }
                throw error
            }
            if (200..<300).contains(response.status) {
                configuration.rateLimiter.recordSuccess()
                return response
            }
            let apiError = StripeClient.apiError(response, request: "\(method.rawValue) \(path)")
            if response.status == 429 {
                configuration.rateLimiter.recordRateLimited()
                rateLimited += 1
                rateLimitedResponses += 1
            }
            if policy.shouldRetry(status: response.status, headers: response.headers, errorCode: apiError.code),
                policy.allowsAnotherAttempt(after: attempt, rateLimited: rateLimited)
            {
                retries += 1
                policy.sleep(policy.delay(afterAttempt: attempt, retryAfter: response.headers["retry-after"]))
                continue
            }
            throw HTTPError.api(apiError)
        }
    }

    /// Reads Stripe's error object from a failed response (or describes the body when it is not one).
    static func apiError(_ response: HTTPResponse, request: String) -> StripeAPIError {
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        let error = object?["error"] as? [String: Any]
        let message = error?["message"] as? String
            ?? "unexpected response: \(String(response.text.prefix(200)))"
        return StripeAPIError(
            status: response.status, type: error?["type"] as? String, code: error?["code"] as? String,
            message: message, param: error?["param"] as? String, requestID: response.requestID, request: request)
    }
}
