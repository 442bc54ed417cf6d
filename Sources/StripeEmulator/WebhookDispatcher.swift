import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Delivers the events the emulator emits to its webhook endpoints, signed, in the background:
/// batches go out one after another in the order they were emitted (at once, concurrently, for a
/// burst), each delivery retried on a non-2xx answer with a short backoff, up to ``maxAttempts``.
/// The faults of ``FaultConfiguration`` (`webhook_…`) duplicate, reorder, delay, mis-sign or
/// hold deliveries. Every attempt is logged.
final class WebhookDispatcher: Sendable {
    /// One event for one endpoint.
    struct Delivery: Sendable {
        var target: WebhookTarget
        var eventID: String
        var eventType: String
        var body: String
    }

    private struct State: Sendable {
        var held: [Delivery] = []
        var log: [WebhookDeliveryLogEntry] = []
        var outstanding = 0
        var submitted = 0
        var attempts = 0
        var chain: Task<Void, Never>?
    }

    /// Attempts per delivery before it is given up.
    static let maxAttempts = 5
    private static let wrongSecret = "whsec_not_the_endpoint_secret"
    nonisolated(unsafe) private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        return URLSession(configuration: configuration)
    }()

    private let state = Mutex(State())

    /// Every attempt so far, oldest first.
    var log: [WebhookDeliveryLogEntry] { state.withLock { $0.log } }

    /// Deliveries not yet answered 2xx or given up, held ones included.
    var pending: Int { state.withLock { $0.outstanding + $0.held.count } }

    /// Queues `deliveries`; they go out once at least `webhookBurst` are held (at once when not set).
    func submit(_ deliveries: [Delivery], faults: FaultConfiguration) {
        state.withLock { state in
            for delivery in deliveries {
                state.submitted += 1
                state.held.append(delivery)
                if let every = faults.webhookDuplicateEvery, state.submitted % every == 0 { state.held.append(delivery) }
            }
            if state.held.count >= max(faults.webhookBurst ?? 1, 1) { release(&state, faults: faults) }
        }
    }

    /// Sends the held deliveries now, however few.
    func flush(faults: FaultConfiguration) {
        state.withLock { release(&$0, faults: faults) }
    }

    /// Forgets the log and the counters (deliveries under way still finish).
    func reset() {
        state.withLock { state in
            state.log = []
            state.held = []
            state.submitted = 0
            state.attempts = 0
        }
    }

    private func release(_ state: inout State, faults: FaultConfiguration) {
        guard !state.held.isEmpty else { return }
        var batch = state.held
        state.held = []
        if faults.webhookShuffle { batch.shuffle() }
        state.outstanding += batch.count
        let previous = state.chain
        let concurrent = (faults.webhookBurst ?? 0) > 1
        state.chain = Task {
            await previous?.value
            if concurrent {
                await withTaskGroup(of: Void.self) { group in
                    for delivery in batch { group.addTask { await self.firstAttempt(delivery, faults: faults) } }
                }
            } else {
                for delivery in batch { await firstAttempt(delivery, faults: faults) }
            }
        }
    }

    private func firstAttempt(_ delivery: Delivery, faults: FaultConfiguration) async {
        if await attempt(delivery, number: 1, faults: faults) { return }
        Task { await retry(delivery, faults: faults) }
    }

    private func retry(_ delivery: Delivery, faults: FaultConfiguration) async {
        for number in 2...Self.maxAttempts {
            try? await Task.sleep(for: .milliseconds(25 << (number - 2)))
            if await attempt(delivery, number: number, faults: faults) { return }
        }
        state.withLock { $0.outstanding -= 1 }
    }

    /// Sends one attempt; true when it succeeded (and the delivery is done).
    private func attempt(_ delivery: Delivery, number: Int, faults: FaultConfiguration) async -> Bool {
        if faults.webhookDelayMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(faults.webhookDelayMilliseconds)) }
        let signedCorrectly = state.withLock { state in
            state.attempts += 1
            guard let every = faults.webhookBadSignatureEvery else { return true }
            return state.attempts % every != 0
        }
        let secret = signedCorrectly ? delivery.target.secret : Self.wrongSecret
        let status = await post(delivery, secret: secret)
        let entry = WebhookDeliveryLogEntry(endpointID: delivery.target.endpointID, eventID: delivery.eventID,
                                            eventType: delivery.eventType, attempt: number, status: status,
                                            signedCorrectly: signedCorrectly)
        return state.withLock { state in
            state.log.append(entry)
            if entry.succeeded { state.outstanding -= 1 }
            return entry.succeeded
        }
    }

    private func post(_ delivery: Delivery, secret: String) async -> Int {
        guard let url = URL(string: delivery.target.url) else { return 0 }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(delivery.body.utf8)
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue("Stripe/1.0 (+https://stripe.com/docs/webhooks)", forHTTPHeaderField: "User-Agent")
        let timestamp = Int(Date().timeIntervalSince1970)
        request.setValue(WebhookSigner.header(body: delivery.body, secret: secret, timestamp: timestamp),
                         forHTTPHeaderField: "Stripe-Signature")
        return await withCheckedContinuation { continuation in
            Self.session.dataTask(with: request) { _, response, _ in
                continuation.resume(returning: (response as? HTTPURLResponse)?.statusCode ?? 0)
            }.resume()
        }
    }
}
