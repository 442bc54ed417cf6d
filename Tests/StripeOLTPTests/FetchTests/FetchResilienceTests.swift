import Foundation
import StripeEmulator
import StripeHTTP
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("Fetch: resumed runs and a steady share of 429s")
struct FetchResilienceTests {
    /// The payment methods the dump's charges, payment intents, subscriptions and customers reference.
    private static func referencedPaymentMethods(_ directory: String) throws -> Set<String> {
        let references: [(Resource, [String])] = [
            (.charges, ["payment_method"]), (.paymentIntents, ["payment_method"]),
            (.subscriptions, ["default_payment_method"]), (.customers, ["invoice_settings", "default_payment_method"]),
        ]
        var found = Set<String>()
        for (resource, path) in references {
            for object in try dumpObjects(directory, resource) {
                let value = path.reduce(Optional(object)) { $0?[$1] }
                if let id = value?.stringValue { found.insert(id) }
            }
        }
        return found
    }

    /// Detaches every payment method a charge references that a customer holds, so that only a
    /// retrieval by id finds it; returns their ids.
    private static func detachChargedPaymentMethods(_ running: RunningEmulator) throws -> Set<String> {
        let attached = running.emulator.withState { state in
            Set(state.table(.charge).newestFirst.compactMap { charge -> String? in
                guard let id = charge["payment_method"]?.stringValue,
                      state.table(.paymentMethod)[id]?["customer"]?.stringValue != nil else { return nil }
                return id
            })
        }
        for id in attached { try stripe(running, .post, "/v1/payment_methods/\(id)/detach") }
        return attached
    }

    // The fetches block, so they run on a thread of their own (see `withEmulator`), where an
    // expectation would be recorded against no test: the bodies return what they saw, and the
    // expectations run in the test itself.

    @Test("a rerun after the customers failed keeps the payment methods that only complete files reference")
    func resumeReadsReferencesFromCompleteFiles() async throws {
        let (detached, first, second, notices, methods, referenced) = try await withEmulator(seedDirectory: sampleDirectory) { running in
            let detached = try Self.detachChargedPaymentMethods(running)
            running.emulator.setFaults(FaultConfiguration(errorPathPrefix: "/v1/customers"))
            let directory = try TestEnvironment.temporaryDirectory().path
            let first = try fetch(running, into: directory, pageSize: 5)
            running.emulator.setFaults(FaultConfiguration())
            let notices = NoticeLog()
            let second = try fetch(running, into: directory, pageSize: 5, notices: notices)
            return (detached, first, second, notices.all, try dumpIDs(directory, .paymentMethods),
                    try Self.referencedPaymentMethods(directory))
        }
        #expect(!detached.isEmpty, "the sample's charges reference no attached payment method")
        #expect(first.manifest.entry(.customers)?.status == .failed)
        #expect(first.manifest.entry(.paymentMethods)?.status == .failed)
        for resource in [Resource.charges, .paymentIntents, .subscriptions] {
            #expect(first.manifest.entry(resource)?.status == .complete, "\(resource)")
        }
        #expect(second.succeeded)
        #expect(notices.contains { $0.contains("resuming the unfinished fetch") })
        #expect(detached.isSubset(of: referenced))
        #expect(referenced.subtracting(methods).isEmpty, "referenced but not fetched: \(referenced.subtracting(methods).sorted())")
        #expect(methods.count == Set(methods).count)
    }

    @Test("a rerun that fetches charges again adds the payment methods they reference to the complete payment-method file")
    func resumeExtendsCompletePaymentMethods() async throws {
        let (first, methodsBefore, card, second, methods, referenced) = try await withEmulator(seedDirectory: sampleDirectory) { running in
            running.emulator.setFaults(FaultConfiguration(errorPathPrefix: "/v1/charges"))
            let directory = try TestEnvironment.temporaryDirectory().path
            let first = try fetch(running, into: directory, pageSize: 5)
            let methodsBefore = try dumpIDs(directory, .paymentMethods)
            // A payment made since, with a card no customer holds: only its charge references the card.
            running.emulator.setFaults(FaultConfiguration())
            let intent = try stripe(running, .post, "/v1/payment_intents", [
                ("amount", "1200"), ("currency", "usd"), ("payment_method", "pm_card_visa"), ("confirm", "true"),
            ])
            let second = try fetch(running, into: directory, pageSize: 5)
            return (first, methodsBefore, intent["payment_method"]?.stringValue, second,
                    try dumpIDs(directory, .paymentMethods), try Self.referencedPaymentMethods(directory))
        }
        #expect(first.manifest.entry(.charges)?.status == .failed)
        let firstEntry = try #require(first.manifest.entry(.paymentMethods))
        #expect(firstEntry.status == .complete)
        #expect(second.succeeded)
        #expect(methods.contains(try #require(card)))
        #expect(Array(methods.prefix(methodsBefore.count)) == methodsBefore)  // the complete file is kept, then extended
        #expect(methods.count == Set(methods).count)
        #expect(referenced.subtracting(methods).isEmpty, "referenced but not fetched: \(referenced.subtracting(methods).sorted())")
        let entry = try #require(second.manifest.entry(.paymentMethods))
        #expect(entry.objects == methods.count)
        #expect(entry.cursor == firstEntry.cursor)
        #expect(entry.requests > firstEntry.requests)
    }

    @Test("with half of all requests answered 429, in bursts longer than the error budget, the per-customer listing completes with nothing lost")
    func steadyHalfRateLimitedCompletes() async throws {
        let customers = 120
        let waits = WaitLog()
        let (attached, report, methods, customerIDs, statuses) = try await withEmulator { running in
            var attached = Set<String>()
            for index in 0..<customers {
                let customer = try stripe(running, .post, "/v1/customers", [("email", .string("c\(index)@example.com"))])
                let method = try stripe(running, .post, "/v1/payment_methods", [("type", "card"), ("card", .object([("token", "tok_visa")]))])
                let id = try #require(method["id"]?.stringValue)
                try stripe(running, .post, "/v1/payment_methods/\(id)/attach", [("customer", .string(try #require(customer["id"]?.stringValue)))])
                attached.insert(id)
            }
            running.emulator.setFaults(FaultConfiguration(rateLimitBurst: 12))
            let configuration = try StripeClientConfiguration(
                apiKey: fetchTestKey, baseURL: running.baseURL, requestsPerSecond: 1000,
                retryPolicy: RetryPolicy(maxAttempts: 8, baseDelay: 0.005, maxDelay: 0.05, sleep: { waits.append($0) }))
            let directory = try TestEnvironment.temporaryDirectory().path
            let options = FetchOptions(directory: directory, workers: 1, pageSize: 100)
            let before = running.emulator.requestLog.count
            let report = try Fetcher(configuration: configuration, options: options).run()
            let methods = (try? dumpIDs(directory, .paymentMethods)) ?? []
            let customerIDs = (try? dumpIDs(directory, .customers)) ?? []
            return (attached, report, methods, customerIDs, running.emulator.requestLog.dropFirst(before).map(\.status))
        }
        #expect(report.succeeded, "\(report.manifest.resources.compactMap(\.error))")
        #expect(Set(methods) == attached)
        #expect(Set(customerIDs).count == customers)
        let limited = statuses.filter { $0 == 429 }.count
        #expect(statuses.count > 2 * customers && abs(limited - (statuses.count - limited)) <= 12)  // one request in two was limited …
        #expect(waits.all.count == report.progress.retries)  // … and each was retried after a wait
        #expect(waits.all.allSatisfy { $0 >= 0.05 })  // the server's Retry-After (1 s), cut to the ceiling
    }
}

/// Records the waits a retry policy asks for, instead of sleeping.
final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Double] = []

    func append(_ seconds: Double) {
        lock.lock()
        waits.append(seconds)
        lock.unlock()
    }

    var all: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return waits
    }
}
