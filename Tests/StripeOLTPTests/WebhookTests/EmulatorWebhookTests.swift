import Foundation
import StripeEmulator
import Testing
import WebhookServer

/// The emulator's webhook endpoints and signed deliveries, received by `serve`'s receiver (whose
/// verifier is written separately from the emulator's signer) with a recording sink.
@Suite("Emulator webhooks")
struct EmulatorWebhookTests {
    @Test("webhook endpoints: create answers a whsec_ secret once; retrieve, list and delete")
    func endpointLifecycle() async throws {
        let sink = RecordingSink()
        try await EmulatorWebhookHarness.with(makeSink: { sink.make() }) { harness in
            #expect(harness.secret.hasPrefix("whsec_") && harness.secret.count > 20)
            let retrieved = try await harness.call("GET", "/v1/webhook_endpoints/\(harness.endpointID)")
            #expect(retrieved["secret"] == nil)
            #expect(retrieved["url"] as? String == harness.server.webhookURL)
            #expect(retrieved["enabled_events"] as? [String] == ["*"])
            let list = try await harness.call("GET", "/v1/webhook_endpoints")
            let listed = (list["data"] as? [[String: Any]]) ?? []
            #expect(listed.compactMap { $0["id"] as? String } == [harness.endpointID])
            #expect(listed.allSatisfy { $0["secret"] == nil })
            let deleted = try await harness.call("DELETE", "/v1/webhook_endpoints/\(harness.endpointID)")
            #expect(deleted["deleted"] as? Bool == true)
            await #expect(throws: EmulatorWebhookHarness.HarnessError.self) {
                try await harness.call("GET", "/v1/webhook_endpoints/\(harness.endpointID)")
            }
            try await harness.call("POST", "/v1/customers", [("email", "gone@example.com")])
            try await harness.waitForDeliveries()
            #expect(harness.emulator.emulator.webhookDeliveries.isEmpty)
        }
    }

    @Test("every emitted event is delivered once, signed so that serve's verifier accepts it")
    func everyEventDelivered() async throws {
        let sink = RecordingSink()
        try await EmulatorWebhookHarness.with(makeSink: { sink.make() }) { harness in
            let customer = try await harness.call("POST", "/v1/customers", [("email", "a@example.com")])
            let id = try #require(customer["id"] as? String)
            try await harness.call("POST", "/v1/customers/\(id)", [("name", "Ada")])
            try await harness.call("POST", "/v1/products", [("name", "Plan")])
            try await harness.waitForDeliveries()
            let emitted = harness.emittedEventIDs()
            #expect(emitted.count == 3)
            #expect(sink.eventIDs == emitted)
            let log = harness.emulator.emulator.webhookDeliveries
            #expect(log.map(\.eventID) == emitted)
            #expect(log.allSatisfy { $0.status == 200 && $0.attempt == 1 && $0.endpointID == harness.endpointID })
        }
    }

    @Test("only enabled endpoints whose enabled_events match get a delivery")
    func enabledEventsFilter() async throws {
        let sink = RecordingSink()
        try await EmulatorWebhookHarness.with(events: ["product.created"], makeSink: { sink.make() }) { harness in
            try await harness.call("POST", "/v1/customers", [("email", "a@example.com")])
            try await harness.call("POST", "/v1/products", [("name", "Plan")])
            try await harness.waitForDeliveries()
            #expect(harness.emulator.emulator.webhookDeliveries.map(\.eventType) == ["product.created"])
            try await harness.call("POST", "/v1/webhook_endpoints/\(harness.endpointID)", [("disabled", "true")])
            try await harness.call("POST", "/v1/products", [("name", "Second")])
            try await harness.waitForDeliveries()
            #expect(harness.emulator.emulator.webhookDeliveries.count == 1)
        }
    }

    @Test("a delivery answered non-2xx is retried until it succeeds")
    func retriedOnFailure() async throws {
        let sink = RecordingSink()
        sink.fail(next: 2)
        try await EmulatorWebhookHarness.with(makeSink: { sink.make() }) { harness in
            try await harness.call("POST", "/v1/customers", [("email", "a@example.com")])
            try await harness.waitForDeliveries()
            let log = harness.emulator.emulator.webhookDeliveries
            #expect(log.map(\.status) == [503, 503, 200])
            #expect(log.map(\.attempt) == [1, 2, 3])
            #expect(sink.eventIDs == harness.emittedEventIDs())
        }
    }

    @Test("fault: bad signatures are refused by serve (400) and the retry, signed correctly, lands")
    func badSignatureFault() async throws {
        let sink = RecordingSink()
        try await EmulatorWebhookHarness.with(makeSink: { sink.make() }) { harness in
            try await harness.call("POST", "/_emulator/faults", [("webhook_bad_signature_every", "2")])
            for index in 0..<3 { try await harness.call("POST", "/v1/customers", [("email", "c\(index)@example.com")]) }
            try await harness.waitForDeliveries()
            let log = harness.emulator.emulator.webhookDeliveries
            #expect(log.contains { !$0.signedCorrectly })
            #expect(log.allSatisfy { $0.signedCorrectly ? $0.status == 200 : $0.status == 400 })
            #expect(Set(sink.eventIDs) == Set(harness.emittedEventIDs()))
            #expect(sink.eventIDs.count == 3)
        }
    }

    @Test("fault: duplicate deliveries send the same event twice")
    func duplicateFault() async throws {
        let sink = RecordingSink()
        try await EmulatorWebhookHarness.with(makeSink: { sink.make() }) { harness in
            try await harness.call("POST", "/_emulator/faults", [("webhook_duplicate_every", "1")])
            try await harness.call("POST", "/v1/customers", [("email", "a@example.com")])
            try await harness.waitForDeliveries()
            let emitted = harness.emittedEventIDs()
            #expect(sink.eventIDs == emitted + emitted)
        }
    }

    @Test("fault: a burst holds deliveries until N are queued, then sends them together, in any order")
    func burstAndShuffleFault() async throws {
        let sink = RecordingSink()
        try await EmulatorWebhookHarness.with(makeSink: { sink.make() }) { harness in
            try await harness.call("POST", "/_emulator/faults", [("webhook_burst", "4"), ("webhook_shuffle", "1"),
                                                                 ("webhook_delay_ms", "5")])
            for index in 0..<3 { try await harness.call("POST", "/v1/products", [("name", "P\(index)")]) }
            #expect(harness.emulator.emulator.pendingWebhookDeliveries == 3)
            #expect(harness.emulator.emulator.webhookDeliveries.isEmpty)
            try await harness.call("POST", "/v1/products", [("name", "P3")])
            try await harness.waitForDeliveries()
            #expect(Set(sink.eventIDs) == Set(harness.emittedEventIDs()))
            #expect(sink.eventIDs.count == 4)
            try await harness.call("POST", "/v1/products", [("name", "held")])
            #expect(harness.emulator.emulator.pendingWebhookDeliveries == 1)
            try await harness.call("POST", "/_emulator/webhooks/flush")
            try await harness.waitForDeliveries()
            #expect(sink.eventIDs.count == 5)
        }
    }

    @Test("fault settings are validated and reported by the control endpoint")
    func faultSettings() throws {
        let faults = try FaultConfiguration.from(["webhook_burst": .int(3), "webhook_shuffle": .int(1),
                                                  "webhook_delay_ms": .int(20), "webhook_duplicate_every": .int(2),
                                                  "webhook_bad_signature_every": .int(5)], base: FaultConfiguration())
        #expect(faults.webhookBurst == 3 && faults.webhookShuffle && faults.webhookDelayMilliseconds == 20)
        #expect(faults.webhookDuplicateEvery == 2 && faults.webhookBadSignatureEvery == 5)
        #expect(faults.json["webhook_burst"] == .int(3))
        #expect(throws: StripeError.self) { try FaultConfiguration.from(["webhook_delay_ms": .int(60_000)], base: faults) }
    }
}
