import Foundation
import Testing
@testable import StripeEmulator

@Suite("Emulator faults and control")
struct EmulatorFaultTests {
    @Test func rateLimitErrorsDropsAndRequestLog() async throws {
        try await withEmulator { curl, _ in
            var control = curl
            control.key = nil
            let set = try await control.call("POST", "/_emulator/faults", [("rate_limit_every", "2")])
            #expect(set.body?["rate_limit_every"]?.intValue == 2)
            let statuses = try await (0..<4).asyncMap { _ in try await curl.call("GET", "/v1/customers").status }
            #expect(statuses == [200, 429, 200, 429])
            let limited = try await curl.call("GET", "/v1/customers")
            _ = limited
            _ = try await control.call("DELETE", "/_emulator/faults")
            _ = try await control.call("POST", "/_emulator/faults", [("error_every", "1"), ("error_status", "503")])
            #expect(try await curl.call("GET", "/v1/products").status == 503)
            _ = try await control.call("POST", "/_emulator/faults", [("error_every", "0"), ("drop_every", "1")])
            let dropped = try await curl.call("GET", "/v1/products")
            #expect(dropped.status == 0)
            #expect(dropped.exitCode != 0)
            _ = try await control.call("POST", "/_emulator/faults", [("drop_every", "0"), ("latency_ms", "300")])
            let started = Date()
            #expect(try await curl.call("GET", "/v1/products").status == 200)
            #expect(Date().timeIntervalSince(started) >= 0.3)
            _ = try await control.call("DELETE", "/_emulator/faults")
            let log = try await control.call("GET", "/_emulator/requests")
            let entries = log.body?["data"]?.arrayValue ?? []
            #expect(entries.count == 8)
            #expect(entries[1]["status"]?.intValue == 429)
            #expect(entries[1]["method"]?.stringValue == "GET")
            #expect(entries[1]["path"]?.stringValue == "/v1/customers")
        }
    }

    @Test("429s come in bursts with Retry-After, a failing path keeps failing, and the log records headers without the key")
    func burstsRetryAfterFailingPathAndLoggedHeaders() async throws {
        try await withEmulator { curl, running in
            var control = curl
            control.key = nil
            let set = try await control.call("POST", "/_emulator/faults", [("rate_limit_burst", "2"), ("retry_after", "7")])
            #expect(set.body?["rate_limit_burst"]?.intValue == 2)
            var answers: [CurlResult] = []
            for _ in 0..<6 { answers.append(try await curl.call("GET", "/v1/products", headers: ["Stripe-Version: 2025-03-31.basil"])) }
            #expect(answers.map(\.status) == [200, 200, 429, 429, 200, 200])
            #expect(answers[2].headers["retry-after"] == "7")
            #expect(answers[0].headers["retry-after"] == nil)
            _ = try await control.call("POST", "/_emulator/faults", [("rate_limit_burst", "0"), ("retry_after", "0"), ("rate_limit_every", "1")])
            #expect(try await curl.call("GET", "/v1/products").headers["retry-after"] == nil)

            _ = try await control.call("DELETE", "/_emulator/faults")
            _ = try await control.call("POST", "/_emulator/faults", [("error_path_prefix", "/v1/customers")])
            #expect(try await curl.call("GET", "/v1/customers").status == 500)
            #expect(try await curl.call("GET", "/v1/customers/cus_x/payment_methods").status == 500)
            #expect(try await curl.call("GET", "/v1/products").status == 200)
            _ = try await control.call("POST", "/_emulator/faults", [("error_path_prefix", "")])
            #expect(try await curl.call("GET", "/v1/customers").status == 200)

            let entry = try #require(running.emulator.requestLog.first)
            #expect(entry.headers["stripe-version"] == "2025-03-31.basil")
            let authorization = try #require(entry.headers["authorization"])
            #expect(!authorization.contains("emulator123456") && authorization.hasPrefix("sk_test_"))
            let listed = try await control.call("GET", "/_emulator/requests")
            #expect(listed.body?["data"]?.arrayValue?.first?["headers"]?["stripe-version"]?.stringValue == "2025-03-31.basil")
        }
    }

    @Test("rate_limit_per_window answers 429 beyond N requests until the window is reopened; reset empties the state")
    func windowRateLimitAndReset() async throws {
        try await withEmulator { curl, _ in
            var control = curl
            control.key = nil
            _ = try await curl.call("POST", "/v1/customers", [("name", "Before reset")])
            let set = try await control.call("POST", "/_emulator/faults", [("rate_limit_per_window", "2")])
            #expect(set.body?["rate_limit_per_window"]?.intValue == 2)
            let statuses = try await (0..<4).asyncMap { _ in try await curl.call("GET", "/v1/customers").status }
            #expect(statuses == [200, 200, 429, 429])
            #expect(try await control.call("POST", "/_emulator/faults/window").status == 200)
            let reopened = try await (0..<3).asyncMap { _ in try await curl.call("GET", "/v1/customers").status }
            #expect(reopened == [200, 200, 429])
            _ = try await control.call("POST", "/_emulator/reset")
            _ = try await control.call("DELETE", "/_emulator/faults")
            #expect(try await curl.call("GET", "/v1/customers").body?["data"]?.arrayValue?.isEmpty == true)
            #expect(try await control.call("GET", "/_emulator/health").body?["status"]?.stringValue == "ok")
        }
    }
}
