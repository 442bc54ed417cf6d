import Foundation
import Synchronization

/// The Stripe-compatible engine: authentication, routing, idempotency, faults, the request log
/// and the control endpoints under `/_emulator/`. Framework-independent and thread-safe.
public final class Emulator: Sendable {
    private struct Shared: Sendable {
        var state = EmulatorState()
        var faults = FaultConfiguration()
        var requestCount = 0
        var recentRequests: [Double] = []
        var windowRequests = 0
        var idempotency: [String: (fingerprint: String, status: Int, body: JSONValue)] = [:]
        var idempotencyOrder: [String] = []
        var log: [RequestLogEntry] = []
    }

    /// The path prefix of the control endpoints.
    public static let controlPrefix = "/_emulator"
    private static let logCapacity = 10_000
    private static let idempotencyCapacity = 10_000

    private let shared: Mutex<Shared>
    private let seedDirectory: String?
    private let logLine: (@Sendable (String) -> Void)?
    private let webhooks = WebhookDispatcher()

    /// Creates an emulator, seeded from `seedDirectory` when given, with `faults` active.
    /// `logLine` receives one line per answered request (no keys are ever included).
    public init(seedDirectory: String? = nil, faults: FaultConfiguration = FaultConfiguration(),
                logLine: (@Sendable (String) -> Void)? = nil) throws {
        var shared = Shared()
        shared.faults = faults
        if let seedDirectory { try shared.state.seed(fromDirectory: seedDirectory) }
        self.shared = Mutex(shared)
        self.seedDirectory = seedDirectory
        self.logLine = logLine
    }

    /// Answers one request.
    public func handle(_ request: EmulatorRequest) -> EmulatorResponse {
        let requestID = "req_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(14)).lowercased()
        var response: EmulatorResponse
        if request.path == Self.controlPrefix || request.path.hasPrefix(Self.controlPrefix + "/") {
            response = control(request)
        } else {
            response = api(request, requestID: requestID)
            let status = response.dropConnection ? 0 : response.status
            shared.withLock { shared in
                shared.log.append(RequestLogEntry(method: request.method, path: request.path, status: status,
                                                  requestID: requestID, headers: Self.loggable(request.headers)))
                if shared.log.count > Self.logCapacity { shared.log.removeFirst(shared.log.count - Self.logCapacity) }
            }
            logLine?("\(request.method) \(request.path) \(response.dropConnection ? "dropped" : String(response.status)) \(requestID)")
            dispatchWebhooks()
        }
        response.headers["Request-Id"] = requestID
        return response
    }

    /// Every webhook delivery attempt so far, oldest first.
    public var webhookDeliveries: [WebhookDeliveryLogEntry] { webhooks.log }

    /// Webhook deliveries not yet answered 2xx nor given up (held ones included).
    public var pendingWebhookDeliveries: Int { webhooks.pending }

    /// Sends the webhook deliveries a `webhook_burst` fault holds, however few.
    public func flushWebhooks() {
        webhooks.flush(faults: shared.withLock { $0.faults })
    }

    /// Hands the events emitted since the last call to the dispatcher, one delivery per matching endpoint.
    private func dispatchWebhooks() {
        let (deliveries, faults) = shared.withLock { shared -> ([WebhookDispatcher.Delivery], FaultConfiguration) in
            let events = shared.state.undeliveredEvents
            shared.state.undeliveredEvents = []
            let deliveries = events.flatMap { event in
                let type = event["type"]?.stringValue ?? ""
                return shared.state.webhookTargets(for: type).map { target in
                    WebhookDispatcher.Delivery(target: target, eventID: event["id"]?.stringValue ?? "", eventType: type,
                                               body: event.serialized)
                }
            }
            return (deliveries, shared.faults)
        }
        guard !deliveries.isEmpty else { return }
        webhooks.submit(deliveries, faults: faults)
    }

    /// The request log, oldest first.
    public var requestLog: [RequestLogEntry] { shared.withLock { $0.log } }

    /// Runs `body` with exclusive access to the state (for tests and seeding).
    public func withState<T>(_ body: (inout EmulatorState) throws -> T) rethrows -> T {
        try shared.withLock { try body(&$0.state) }
    }

    /// Replaces the active faults.
    public func setFaults(_ faults: FaultConfiguration) {
        shared.withLock { $0.faults = faults; $0.requestCount = 0; $0.recentRequests = []; $0.windowRequests = 0 }
    }

    /// Empties the state (re-seeding from the start-up seed directory, if any), the idempotency cache and the log.
    public func reset() throws {
        var fresh = EmulatorState()
        if let seedDirectory { try fresh.seed(fromDirectory: seedDirectory) }
        shared.withLock { shared in
            shared.state = fresh
            shared.idempotency = [:]
            shared.idempotencyOrder = []
            shared.log = []
            shared.requestCount = 0
            shared.recentRequests = []
            shared.windowRequests = 0
        }
        webhooks.reset()
    }

    // MARK: - API

    private func api(_ request: EmulatorRequest, requestID: String) -> EmulatorResponse {
        shared.withLock { shared in
            shared.requestCount += 1
            let faults = shared.faults
            let delay = faults.latencyMilliseconds
            let count = shared.requestCount
            if let every = faults.dropEvery, count % every == 0 {
                return EmulatorResponse(status: 0, body: nil, delayMilliseconds: delay, dropConnection: true)
            }
            if let limit = faults.rateLimitPerSecond {
                let now = Date().timeIntervalSince1970
                shared.recentRequests.removeAll { $0 <= now - 1 }
                shared.recentRequests.append(now)
                if shared.recentRequests.count > limit {
                    return Self.rateLimitedResponse(faults, delay: delay)
                }
            }
            if let limit = faults.rateLimitPerWindow {
                shared.windowRequests += 1
                if shared.windowRequests > limit { return Self.failure(Self.rateLimited, delay: delay) }
            }
            if let every = faults.rateLimitEvery, count % every == 0 {
                return Self.rateLimitedResponse(faults, delay: delay)
            }
            if let burst = faults.rateLimitBurst, (count - 1) / burst % 2 == 1 {
                return Self.rateLimitedResponse(faults, delay: delay)
            }
            if let prefix = faults.errorPathPrefix, request.path.hasPrefix(prefix) {
                let error = StripeError(status: faults.errorStatus, type: "api_error",
                                        message: "An unexpected error occurred (injected by the emulator for \(prefix)).")
                return Self.failure(error, delay: delay)
            }
            if let every = faults.errorEvery, count % every == 0 {
                let error = StripeError(status: faults.errorStatus, type: "api_error",
                                        message: "An unexpected error occurred (injected by the emulator).")
                return Self.failure(error, delay: delay)
            }
            var response = Self.serve(request, requestID: requestID, shared: &shared, ignoreCursor: faults.ignoreStartingAfter)
            response.delayMilliseconds = delay
            return response
        }
    }

    private static let rateLimited = StripeError(
        status: 429, type: "invalid_request_error", code: "rate_limit",
        message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.")

    /// A 429, with `Retry-After` when the faults ask for one.
    private static func rateLimitedResponse(_ faults: FaultConfiguration, delay: Int) -> EmulatorResponse {
        var response = failure(rateLimited, delay: delay)
        if faults.retryAfterSeconds > 0 { response.headers["Retry-After"] = String(faults.retryAfterSeconds) }
        return response
    }

    private static func failure(_ error: StripeError, delay: Int = 0) -> EmulatorResponse {
        EmulatorResponse(status: error.status, body: error.body, delayMilliseconds: delay)
    }

    private static func serve(_ request: EmulatorRequest, requestID: String, shared: inout Shared,
                              ignoreCursor: Bool) -> EmulatorResponse {
        if let error = authenticate(request.headers["authorization"]) { return failure(error) }
        var params = FormDecoder.decode(request.query)
        if ignoreCursor, request.method == "GET", case .object(var members) = params {
            members["starting_after"] = nil
            params = .object(members)
        }
        if request.method != "GET" && request.method != "DELETE" || !request.body.isEmpty {
            params = FormDecoder.merge(params, FormDecoder.decode(request.body))
        }
        let idempotencyKey = request.method == "POST" ? request.headers["idempotency-key"] : nil
        let fingerprint = "\(request.method) \(request.path) \(params.serialized)"
        if let key = idempotencyKey, let cached = shared.idempotency[key] {
            guard cached.fingerprint == fingerprint else {
                return failure(StripeError(
                    status: 400, type: "idempotency_error",
                    message: "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '\(key)' if you meant to execute a different request."))
            }
            return EmulatorResponse(status: cached.status, body: cached.body, headers: [
                "Idempotent-Replayed": "true", "Idempotency-Key": key,
            ])
        }
        shared.state.currentRequestID = requestID
        shared.state.currentIdempotencyKey = idempotencyKey
        var response: EmulatorResponse
        let snapshot = shared.state
        do {
            let body = try shared.state.route(method: request.method, path: request.path,
                                              params: Params(params.objectValue ?? [:]))
            response = EmulatorResponse(status: 200, body: body)
        } catch let error as StripeError {
            if error.status != 402 { shared.state = snapshot }
            response = failure(error)
        } catch {
            shared.state = snapshot
            response = failure(StripeError(status: 500, type: "api_error", message: "Internal error: \(error)"))
        }
        if let key = idempotencyKey {
            shared.idempotency[key] = (fingerprint, response.status, response.body)
            shared.idempotencyOrder.append(key)
            if shared.idempotencyOrder.count > idempotencyCapacity {
                shared.idempotency[shared.idempotencyOrder.removeFirst()] = nil
            }
            response.headers["Idempotency-Key"] = key
        }
        return response
    }

    /// `nil` when `header` carries a usable test key, else the 401 to answer.
    static func authenticate(_ header: String?) -> StripeError? {
        guard let header, !header.isEmpty else {
            return StripeError(status: 401, type: "invalid_request_error",
                               message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').")
        }
        let key = key(inAuthorization: header)
        let valid = (key.hasPrefix("sk_test_") || key.hasPrefix("rk_test_")) && key.count > 8
            && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        if valid { return nil }
        return StripeError(status: 401, type: "invalid_request_error",
                           message: "Invalid API Key provided: \(redact(key))")
    }

    /// The key an `Authorization` header carries (Bearer, or Basic with the key as user name); empty when none.
    static func key(inAuthorization header: String) -> String {
        if header.lowercased().hasPrefix("bearer ") {
            return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        if header.lowercased().hasPrefix("basic ") {
            let encoded = String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)
            if let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) {
                return String(text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            }
        }
        return ""
    }

    /// Request headers as the log keeps them: the credentials (`Authorization`) redacted to the key's prefix and last four characters.
    static func loggable(_ headers: [String: String]) -> [String: String] {
        var kept = headers
        if let authorization = kept["authorization"] { kept["authorization"] = redact(key(inAuthorization: authorization)) }
        return kept
    }

    /// A key as it may appear in messages and logs: its prefix and last four characters only.
    public static func redact(_ key: String) -> String {
        guard !key.isEmpty else { return "(empty)" }
        let prefix = key.hasPrefix("sk_test_") ? "sk_test_" : key.hasPrefix("rk_test_") ? "rk_test_" : ""
        let tail = key.count > 12 ? String(key.suffix(4)) : ""
        return "\(prefix)****\(tail)"
    }

    // MARK: - Control

    private func control(_ request: EmulatorRequest) -> EmulatorResponse {
        let sub = String(request.path.dropFirst(Self.controlPrefix.count))
        let body = request.body.trimmingCharacters(in: .whitespacesAndNewlines)
        let params = (body.hasPrefix("{") ? JSONValue.parse(body) : FormDecoder.decode(body))?.objectValue ?? [:]
        do {
            switch (request.method, sub) {
            case ("GET", "/health"), ("GET", ""):
                return EmulatorResponse(status: 200, body: .object(["status": "ok", "object": "emulator"]))
            case ("POST", "/reset"):
                try reset()
                return EmulatorResponse(status: 200, body: .object(["reset": true]))
            case ("GET", "/requests"):
                let entries = requestLog.map(\.json)
                return EmulatorResponse(status: 200, body: .object([
                    "object": "list", "data": .array(entries), "total_count": .int(entries.count),
                ]))
            case ("GET", "/webhook_deliveries"):
                let entries = webhooks.log.map(\.json)
                return EmulatorResponse(status: 200, body: .object([
                    "object": "list", "data": .array(entries), "total_count": .int(entries.count),
                    "pending": .int(webhooks.pending),
                ]))
            case ("POST", "/webhooks/flush"):
                flushWebhooks()
                return EmulatorResponse(status: 200, body: .object(["flushed": true, "pending": .int(webhooks.pending)]))
            case ("DELETE", "/requests"):
                shared.withLock { $0.log = [] }
                return EmulatorResponse(status: 200, body: .object(["deleted": true]))
            case ("GET", "/faults"):
                return EmulatorResponse(status: 200, body: shared.withLock { $0.faults.json })
            case ("POST", "/faults"):
                let current = shared.withLock { $0.faults }
                let faults = try FaultConfiguration.from(params, base: current)
                setFaults(faults)
                return EmulatorResponse(status: 200, body: faults.json)
            case ("POST", "/faults/window"):
                shared.withLock { $0.windowRequests = 0 }
                return EmulatorResponse(status: 200, body: .object(["window": "open"]))
            case ("DELETE", "/faults"):
                setFaults(FaultConfiguration())
                return EmulatorResponse(status: 200, body: FaultConfiguration().json)
            case ("POST", "/seed"):
                guard let directory = params["dir"]?.stringValue, !directory.isEmpty else { throw StripeError.missing("dir") }
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
                    throw StripeError.invalid("dir", "Invalid dir: \(directory) is not a folder")
                }
                var fresh = shared.withLock { $0.state }
                let counts = try fresh.seed(fromDirectory: directory)
                shared.withLock { $0.state = fresh }
                return EmulatorResponse(status: 200, body: .object(["loaded": .object(counts.mapValues { .int($0) })]))
            default:
                throw StripeError.unrecognizedURL(method: request.method, path: request.path)
            }
        } catch let error as StripeError {
            return Self.failure(error)
        } catch {
            return Self.failure(StripeError(status: 400, type: "invalid_request_error", message: "\(error)"))
        }
    }
}
