/// Faults the emulator injects into `/v1` traffic. Every field is off when `nil` or zero.
public struct FaultConfiguration: Sendable, Equatable {
    /// Answer every Kth request with 429 `rate_limit`.
    public var rateLimitEvery: Int?
    /// Answer 429 `rate_limit` to requests beyond this many in the last second.
    public var rateLimitPerSecond: Int?
    /// Answer 429 `rate_limit` in runs of this many requests in a row, alternating with runs of as
    /// many answered normally (the first run normal): a steady half of the requests limited, in
    /// bursts, as a loaded Stripe account sees them.
    public var rateLimitBurst: Int?
    /// The `Retry-After` (seconds) sent with every 429; 0 sends none.
    public var retryAfterSeconds: Int
    /// Answer every request whose path starts with this with ``errorStatus`` (a resource that keeps failing).
    public var errorPathPrefix: String?
    /// Answer 429 `rate_limit` to requests beyond this many in the current window, which opens
    /// when the faults are set and again on `POST /_emulator/faults/window` (a clock-free limit).
    public var rateLimitPerWindow: Int?
    /// Answer every Kth request with ``errorStatus``.
    public var errorEvery: Int?
    /// The status of injected server errors (500 or 503).
    public var errorStatus: Int
    /// Milliseconds added before each response.
    public var latencyMilliseconds: Int
    /// Close the connection without answering every Kth request.
    public var dropEvery: Int?
    /// List endpoints ignore `starting_after`, so every page repeats the first one (a broken
    /// cursor, for testing that clients stop instead of looping).
    public var ignoreStartingAfter: Bool
    /// Webhooks: deliver every Kth delivery twice.
    public var webhookDuplicateEvery: Int?
    /// Webhooks: send each released batch of deliveries in random order.
    public var webhookShuffle: Bool
    /// Webhooks: milliseconds to wait before each delivery attempt.
    public var webhookDelayMilliseconds: Int
    /// Webhooks: sign every Kth delivery attempt with a wrong secret (the endpoint should refuse it; a retry follows).
    public var webhookBadSignatureEvery: Int?
    /// Webhooks: hold deliveries until this many are queued, then send them all at once,
    /// concurrently (a same-second burst); `POST /_emulator/webhooks/flush` sends fewer.
    public var webhookBurst: Int?

    /// No faults.
    public init(rateLimitEvery: Int? = nil, rateLimitPerSecond: Int? = nil, rateLimitPerWindow: Int? = nil,
                rateLimitBurst: Int? = nil, retryAfterSeconds: Int = 1, errorEvery: Int? = nil, errorStatus: Int = 500,
                errorPathPrefix: String? = nil, latencyMilliseconds: Int = 0, dropEvery: Int? = nil, ignoreStartingAfter: Bool = false,
                webhookDuplicateEvery: Int? = nil, webhookShuffle: Bool = false, webhookDelayMilliseconds: Int = 0,
                webhookBadSignatureEvery: Int? = nil, webhookBurst: Int? = nil) {
        self.rateLimitEvery = rateLimitEvery
        self.rateLimitPerSecond = rateLimitPerSecond
        self.rateLimitPerWindow = rateLimitPerWindow
        self.rateLimitBurst = rateLimitBurst
        self.retryAfterSeconds = retryAfterSeconds
        self.errorPathPrefix = errorPathPrefix
        self.errorEvery = errorEvery
        self.errorStatus = errorStatus
        self.latencyMilliseconds = latencyMilliseconds
        self.dropEvery = dropEvery
        self.ignoreStartingAfter = ignoreStartingAfter
        self.webhookDuplicateEvery = webhookDuplicateEvery
        self.webhookShuffle = webhookShuffle
        self.webhookDelayMilliseconds = webhookDelayMilliseconds
        self.webhookBadSignatureEvery = webhookBadSignatureEvery
        self.webhookBurst = webhookBurst
    }

    /// Reads the settings from decoded parameters (`rate_limit_every`, `rate_limit_per_second`,
    /// `rate_limit_per_window`, `rate_limit_burst`, `retry_after`, `error_every`, `error_status`,
    /// `error_path_prefix` (empty for none), `latency_ms`, `drop_every`, `ignore_starting_after` 0 or 1);
    /// absent keys keep `base`'s values.
    public static func from(_ params: [String: JSONValue], base: FaultConfiguration) throws -> FaultConfiguration {
        var result = base
        func number(_ key: String) throws -> Int? {
            guard let raw = params[key] else { return nil }
            if raw.isNull || raw.stringValue == "" { return 0 }
            guard let value = raw.intValue, value >= 0, value <= 1_000_000 else {
                throw StripeError.invalid(key, "Invalid \(key): must be an integer between 0 and 1000000")
            }
            return value
        }
        let known: Set<String> = ["rate_limit_every", "rate_limit_per_second", "rate_limit_per_window", "rate_limit_burst", "retry_after",
                                  "error_every", "error_status", "error_path_prefix", "latency_ms", "drop_every",
                                  "ignore_starting_after", "webhook_duplicate_every", "webhook_shuffle", "webhook_delay_ms",
                                  "webhook_bad_signature_every", "webhook_burst"]
        for key in params.keys where !known.contains(key) { throw StripeError.unknown(key) }
        if let value = try number("rate_limit_every") { result.rateLimitEvery = value == 0 ? nil : value }
        if let value = try number("rate_limit_per_second") { result.rateLimitPerSecond = value == 0 ? nil : value }
        if let value = try number("rate_limit_per_window") { result.rateLimitPerWindow = value == 0 ? nil : value }
        if let value = try number("rate_limit_burst") { result.rateLimitBurst = value == 0 ? nil : value }
        if let value = try number("retry_after") {
            guard value <= 3600 else { throw StripeError.invalid("retry_after", "Invalid retry_after: at most 3600") }
            result.retryAfterSeconds = value
        }
        if let raw = params["error_path_prefix"] {
            guard raw.isNull || raw.stringValue != nil else {
                throw StripeError.invalid("error_path_prefix", "Invalid error_path_prefix: must be a path such as /v1/customers")
            }
            let prefix = raw.stringValue ?? ""
            result.errorPathPrefix = prefix.isEmpty ? nil : prefix
        }
        if let value = try number("error_every") { result.errorEvery = value == 0 ? nil : value }
        if let value = try number("error_status") {
            guard [500, 502, 503, 504].contains(value) else {
                throw StripeError.invalid("error_status", "Invalid error_status: must be 500, 502, 503 or 504")
            }
            result.errorStatus = value
        }
        if let value = try number("latency_ms") {
            guard value <= 60_000 else { throw StripeError.invalid("latency_ms", "Invalid latency_ms: at most 60000") }
            result.latencyMilliseconds = value
        }
        if let value = try number("drop_every") { result.dropEvery = value == 0 ? nil : value }
        if let value = try number("ignore_starting_after") { result.ignoreStartingAfter = value != 0 }
        if let value = try number("webhook_duplicate_every") { result.webhookDuplicateEvery = value == 0 ? nil : value }
        if let value = try number("webhook_shuffle") { result.webhookShuffle = value != 0 }
        if let value = try number("webhook_delay_ms") {
            guard value <= 10_000 else { throw StripeError.invalid("webhook_delay_ms", "Invalid webhook_delay_ms: at most 10000") }
            result.webhookDelayMilliseconds = value
        }
        if let value = try number("webhook_bad_signature_every") { result.webhookBadSignatureEvery = value == 0 ? nil : value }
        if let value = try number("webhook_burst") { result.webhookBurst = value == 0 ? nil : value }
        return result
    }

    /// The settings as JSON, as the control endpoint reports them.
    public var json: JSONValue {
        .object([
            "rate_limit_every": rateLimitEvery.map { .int($0) } ?? nil,
            "rate_limit_per_second": rateLimitPerSecond.map { .int($0) } ?? nil,
            "rate_limit_burst": rateLimitBurst.map { .int($0) } ?? nil, "retry_after": .int(retryAfterSeconds),
            "error_path_prefix": errorPathPrefix.map { .string($0) } ?? nil,
            "rate_limit_per_window": rateLimitPerWindow.map { .int($0) } ?? nil,
            "error_every": errorEvery.map { .int($0) } ?? nil, "error_status": .int(errorStatus),
            "latency_ms": .int(latencyMilliseconds), "drop_every": dropEvery.map { .int($0) } ?? nil,
            "ignore_starting_after": .bool(ignoreStartingAfter),
            "webhook_duplicate_every": webhookDuplicateEvery.map { .int($0) } ?? nil,
            "webhook_shuffle": .bool(webhookShuffle), "webhook_delay_ms": .int(webhookDelayMilliseconds),
            "webhook_bad_signature_every": webhookBadSignatureEvery.map { .int($0) } ?? nil,
            "webhook_burst": webhookBurst.map { .int($0) } ?? nil,
        ])
    }
}
