import Foundation
import Synchronization
import WebhookServer

/// A test sink: records every payload it is handed (exact bytes), answers a chosen outcome, and
/// can be told to fail (as an unreachable database does) a number of times.
final class RecordingSink: VerifiedEventSink, Sendable {
    private struct State {
        var payloads: [[UInt8]] = []
        var outcome: VerifiedEventOutcome = .applied
        var failuresLeft = 0
        var healthy = true
        var made = 0
    }

    /// Thrown while the sink plays an unreachable database.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "connection refused (test sink)" }
    }

    private let state = Mutex(State())

    /// The payloads applied so far, in order.
    var payloads: [[UInt8]] { state.withLock { $0.payloads } }

    /// The `id` of every payload applied so far.
    var eventIDs: [String] {
        payloads.compactMap { payload in
            (try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])?["id"] as? String
        }
    }

    /// How many times the server asked for a sink.
    var made: Int { state.withLock { $0.made } }

    /// Answers `outcome` from now on.
    func answer(_ outcome: VerifiedEventOutcome) { state.withLock { $0.outcome = outcome } }

    /// Fails the next `count` events.
    func fail(next count: Int) { state.withLock { $0.failuresLeft = count } }

    /// Makes the health check fail or pass.
    func setHealthy(_ healthy: Bool) { state.withLock { $0.healthy = healthy } }

    /// The factory the receiver calls; counts calls.
    func make() -> any VerifiedEventSink {
        state.withLock { $0.made += 1 }
        return self
    }

    func apply(verifiedEvent payload: [UInt8]) throws -> VerifiedEventResult {
        try state.withLock { state in
            if state.failuresLeft > 0 {
                state.failuresLeft -= 1
                throw Unavailable()
            }
            state.payloads.append(payload)
            let created = (try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])?["created"] as? Int
            return VerifiedEventResult(outcome: state.outcome, eventCreated: created)
        }
    }

    func checkHealth() throws {
        guard state.withLock({ $0.healthy }) else { throw Unavailable() }
    }
}
