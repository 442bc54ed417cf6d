import Foundation
import Synchronization
import Testing
@testable import StripeEmulator

@Suite("Emulator control endpoints, key hygiene and payment intents")
struct EmulatorControlTests {
    /// Lines the emulator writes per request, collected for inspection.
    final class LogLines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("no full key, valid or not, reaches the request log, the per-request log lines or an error message")
    func keysNeverLogged() async throws {
        let lines = LogLines()
        let emulator = try Emulator(logLine: { lines.append($0) })
        let running = try await EmulatorServer(emulator: emulator, host: "127.0.0.1", port: 0).start()
        let valid = "sk_test_validkey0123456789"
        let invalid = "sk_test_wrong-key-abcdefgh"
        var curl = Curl(base: running.baseURL, key: valid)
        #expect(try await curl.call("GET", "/v1/customers").status == 200)
        #expect(try await curl.call("POST", "/v1/customers", [("name", "K")]).status == 200)
        _ = try await curl.call("GET", "/v1/customers", headers: ["Authorization: Bearer \(valid)"])
        curl.key = invalid
        let rejected = try await curl.call("GET", "/v1/customers")
        #expect(rejected.status == 401)
        var control = curl
        control.key = nil
        let log = try await control.call("GET", "/_emulator/requests")
        let logText = log.body?.serialized ?? ""
        let rejectedText = rejected.body?.serialized ?? ""
        #expect(rejectedText.contains("Invalid API Key provided"))
        #expect(log.body?["data"]?.arrayValue?.count == 4)
        #expect(lines.all.count == 4)
        for key in [valid, invalid] {
            #expect(!logText.contains(key), "the request log holds \(key)")
            #expect(!lines.all.joined(separator: "\n").contains(key), "a log line holds \(key)")
            #expect(!rejectedText.contains(key))
        }
        #expect(!rejectedText.contains("abcdefgh"))
        await running.stop()
    }

    @Test("POST /_emulator/seed loads a dump folder into a running emulator; a missing or bad dir is a 400")
    func seedEndpoint() async throws {
        try await withEmulator { curl, _ in
            var control = curl
            control.key = nil
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emu-seed-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let customers = #"{"id":"cus_seeded1","object":"customer","created":1700000000,"email":"a@example.com"}"#
                + "\n" + #"{"id":"cus_seeded2","object":"customer","created":1700000001,"email":"b@example.com"}"# + "\n"
            try customers.write(to: folder.appendingPathComponent("customers.json"), atomically: true, encoding: .utf8)
            #expect(try await curl.call("GET", "/v1/customers/cus_seeded1").status == 404)
            let seeded = try await control.call("POST", "/_emulator/seed", [("dir", folder.path)])
            #expect(seeded.status == 200)
            #expect(seeded.body?["loaded"]?["customer"]?.intValue == 2)
            let fetched = try await curl.call("GET", "/v1/customers/cus_seeded2")
            #expect(fetched.status == 200)
            #expect(fetched.body?["email"]?.stringValue == "b@example.com")
            #expect(try await control.call("POST", "/_emulator/seed").status == 400)
            let missing = try await control.call("POST", "/_emulator/seed", [("dir", folder.path + "/nope")])
            #expect(missing.status == 400)
            #expect(missing.body?["error"]?["message"]?.stringValue?.contains("is not a folder") == true)
        }
    }

    @Test("DELETE /_emulator/requests empties the request log; later requests are logged afresh")
    func deleteRequests() async throws {
        try await withEmulator { curl, _ in
            var control = curl
            control.key = nil
            _ = try await curl.call("GET", "/v1/customers")
            _ = try await curl.call("GET", "/v1/products")
            #expect(try await control.call("GET", "/_emulator/requests").body?["total_count"]?.intValue == 2)
            let deleted = try await control.call("DELETE", "/_emulator/requests")
            #expect(deleted.body?["deleted"] == .bool(true))
            #expect(try await control.call("GET", "/_emulator/requests").body?["total_count"]?.intValue == 0)
            _ = try await curl.call("GET", "/v1/prices")
            let after = try await control.call("GET", "/_emulator/requests").body?["data"]?.arrayValue ?? []
            #expect(after.map { $0["path"]?.stringValue } == ["/v1/prices"])
        }
    }

    @Test("every fault setting is reported back, 0 turns it off, and bad values or unknown names are a 400")
    func faultSettingsValidated() async throws {
        try await withEmulator { curl, _ in
            var control = curl
            control.key = nil
            let all = try await control.call("POST", "/_emulator/faults", [
                ("rate_limit_every", "3"), ("rate_limit_per_second", "4"), ("rate_limit_per_window", "5"),
                ("error_every", "6"), ("error_status", "502"), ("latency_ms", "7"), ("drop_every", "8"),
                ("ignore_starting_after", "1"),
            ])
            #expect(all.status == 200)
            let body = try #require(all.body)
            #expect(body["rate_limit_every"]?.intValue == 3)
            #expect(body["rate_limit_per_second"]?.intValue == 4)
            #expect(body["rate_limit_per_window"]?.intValue == 5)
            #expect(body["error_every"]?.intValue == 6)
            #expect(body["error_status"]?.intValue == 502)
            #expect(body["latency_ms"]?.intValue == 7)
            #expect(body["drop_every"]?.intValue == 8)
            #expect(body["ignore_starting_after"] == .bool(true))
            let off = try await control.call("POST", "/_emulator/faults", [("rate_limit_every", "0"), ("drop_every", "0")])
            #expect(off.body?["rate_limit_every"]?.isNull == true)
            #expect(off.body?["drop_every"]?.isNull == true)
            #expect(off.body?["error_every"]?.intValue == 6)
            #expect(try await control.call("GET", "/_emulator/faults").body == off.body)
            #expect(try await control.call("POST", "/_emulator/faults", [("error_status", "404")]).status == 400)
            #expect(try await control.call("POST", "/_emulator/faults", [("latency_ms", "60001")]).status == 400)
            #expect(try await control.call("POST", "/_emulator/faults", [("drop_every", "-1")]).status == 400)
            #expect(try await control.call("POST", "/_emulator/faults", [("explode_every", "1")]).status == 400)
            let cleared = try await control.call("DELETE", "/_emulator/faults")
            #expect(cleared.body?["error_every"]?.isNull == true)
            #expect(try await curl.call("GET", "/v1/customers").status == 200)
        }
    }

    @Test("error_every with error_status answers that status on every Kth request only")
    func errorEveryUsesErrorStatus() async throws {
        try await withEmulator { curl, _ in
            var control = curl
            control.key = nil
            _ = try await control.call("POST", "/_emulator/faults", [("error_every", "3"), ("error_status", "504")])
            let statuses = try await (0..<6).asyncMap { _ in try await curl.call("GET", "/v1/customers").status }
            #expect(statuses == [200, 200, 504, 200, 200, 504])
        }
    }

    @Test("ignore_starting_after makes every page repeat the first one")
    func ignoreStartingAfterRepeatsFirstPage() async throws {
        try await withEmulator { curl, _ in
            var control = curl
            control.key = nil
            for index in 0..<3 { _ = try await curl.call("POST", "/v1/customers", [("name", "C\(index)")]) }
            let first = try await curl.call("GET", "/v1/customers", [("limit", "1")])
            let firstID = try #require(first.body?["data"]?.arrayValue?.first?["id"]?.stringValue)
            let honest = try await curl.call("GET", "/v1/customers", [("limit", "1"), ("starting_after", firstID)])
            #expect(honest.body?["data"]?.arrayValue?.first?["id"]?.stringValue != firstID)
            _ = try await control.call("POST", "/_emulator/faults", [("ignore_starting_after", "1")])
            let repeated = try await curl.call("GET", "/v1/customers", [("limit", "1"), ("starting_after", firstID)])
            #expect(repeated.body?["data"]?.arrayValue?.first?["id"]?.stringValue == firstID)
        }
    }

    @Test("a manual-capture payment intent waits in requires_capture, captures to succeeded; cancel ends an open one; neither works twice")
    func paymentIntentCaptureAndCancel() async throws {
        try await withEmulator { curl, _ in
            let manual = try await curl.call("POST", "/v1/payment_intents", [
                ("amount", "1500"), ("currency", "usd"), ("payment_method", "pm_card_visa"),
                ("capture_method", "manual"), ("confirm", "true"),
            ])
            #expect(manual.body?["status"]?.stringValue == "requires_capture")
            let manualID = try #require(manual.body?["id"]?.stringValue)
            let captured = try await curl.call("POST", "/v1/payment_intents/\(manualID)/capture", [("amount_to_capture", "1200")])
            #expect(captured.status == 200)
            #expect(captured.body?["status"]?.stringValue == "succeeded")
            #expect(captured.body?["amount_received"]?.intValue == 1200)
            #expect(captured.body?["amount_capturable"]?.intValue == 0)
            let again = try await curl.call("POST", "/v1/payment_intents/\(manualID)/capture")
            #expect(again.status == 400)
            #expect(again.body?["error"]?["code"]?.stringValue == "payment_intent_unexpected_state")
            #expect(try await curl.call("POST", "/v1/payment_intents/\(manualID)/cancel").status == 400)

            let open = try await curl.call("POST", "/v1/payment_intents", [("amount", "900"), ("currency", "usd")])
            let openID = try #require(open.body?["id"]?.stringValue)
            #expect(try await curl.call("POST", "/v1/payment_intents/\(openID)/capture").status == 400)
            let canceled = try await curl.call("POST", "/v1/payment_intents/\(openID)/cancel",
                                               [("cancellation_reason", "requested_by_customer")])
            #expect(canceled.body?["status"]?.stringValue == "canceled")
            #expect(canceled.body?["cancellation_reason"]?.stringValue == "requested_by_customer")
            #expect(canceled.body?["canceled_at"]?.intValue != nil)
            #expect(try await curl.call("POST", "/v1/payment_intents/\(openID)/cancel").status == 400)
            let stored = try await curl.call("GET", "/v1/payment_intents/\(openID)")
            #expect(stored.body?["status"]?.stringValue == "canceled")
        }
    }
}
