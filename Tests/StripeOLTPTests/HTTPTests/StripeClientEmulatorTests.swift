import Foundation
import StripeEmulator
import StripeHTTP
import Testing
import TestSupport

/// Runs `body` with a client pointed at a fresh in-process emulator on 127.0.0.1.
/// The client blocks while libcurl works, so `body` runs on a thread of its own (within the
/// test's task, so its expectations count for the test), leaving the concurrency pool free for the server.
private func withClient<T: Sendable>(
    retry: RetryPolicy = RetryPolicy(maxAttempts: 6, baseDelay: 0.01, maxDelay: 0.05),
    _ body: @escaping @Sendable (StripeClient, RunningEmulator) throws -> T
) async throws -> T {
    let emulator = try Emulator()
    let running = try await EmulatorServer(emulator: emulator, host: "127.0.0.1", port: 0).start()
    let outcome: Result<T, any Error> = await DedicatedThreadExecutor.run {
        Result {
            let config = try StripeClientConfiguration(
                apiKey: "sk_test_clienttests123", baseURL: running.baseURL, requestsPerSecond: 500, retryPolicy: retry)
            return try body(try StripeClient(configuration: config), running)
        }
    }
    await running.stop()
    return try outcome.get()
}

private func json(_ response: HTTPResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
}

private func control(_ running: RunningEmulator, _ method: HTTPMethod, _ path: String, _ parameters: [(String, FormValue)] = []) throws {
    let config = try StripeClientConfiguration(apiKey: "sk_test_control", baseURL: running.baseURL, requestsPerSecond: 500)
    _ = try StripeClient(configuration: config).send(method, path, parameters: parameters)
}

@Suite("Stripe client against the local Stripe-compatible server")
struct StripeClientEmulatorTests {
    @Test("creates with bracket-encoded parameters and lists with pagination fields")
    func createAndList() async throws {
        try await withClient { client, _ in
            let created = try json(try client.send(.post, "/v1/customers", parameters: [
                ("email", "jenny+1@example.com"), ("metadata", .object([("tier", "gold")])),
            ]))
            let id = try #require(created["id"] as? String)
            #expect(id.hasPrefix("cus_"))
            #expect((created["metadata"] as? [String: Any])?["tier"] as? String == "gold")
            _ = try client.send(.post, "/v1/customers", parameters: [("email", "second@example.com")])
            let page = try json(try client.send(.get, "/v1/customers", parameters: [("limit", "1")]))
            #expect(page["has_more"] as? Bool == true)
            #expect((page["data"] as? [Any])?.count == 1)
        }
    }

    @Test("an invalid key gives Stripe's 401 error without the key in the message")
    func invalidKey() async throws {
        try await withClient { _, running in
            let key = "sk_test_bad-key-secret-9876"
            let config = try StripeClientConfiguration(apiKey: key, baseURL: running.baseURL)
            let error = try #require(throws: HTTPError.self) { try StripeClient(configuration: config).send(.get, "/v1/customers") }
            guard case .api(let api) = error else { Issue.record("expected an API error, got \(error)"); return }
            #expect(api.status == 401)
            #expect(api.type == "invalid_request_error")
            #expect(!error.description.contains(key))
            #expect(!error.description.contains("bad-key-secret"))
        }
    }

    @Test("429, 503 and dropped connections are retried until the request succeeds")
    func retriesFaults() async throws {
        try await withClient { client, running in
            try control(running, .post, "/_emulator/faults", [("rate_limit_every", "2")])
            for _ in 0..<4 { _ = try client.send(.get, "/v1/products") }
            #expect(client.retries >= 2)
            try control(running, .delete, "/_emulator/faults")
            try control(running, .post, "/_emulator/faults", [("error_every", "2"), ("error_status", "503")])
            let before = client.retries
            for _ in 0..<3 { _ = try client.send(.get, "/v1/products") }
            #expect(client.retries > before)
            try control(running, .delete, "/_emulator/faults")
            try control(running, .post, "/_emulator/faults", [("drop_every", "2")])
            for _ in 0..<3 { _ = try client.send(.get, "/v1/products") }
            // Every request succeeded although the server dropped connections under it.
            let dropped = running.emulator.requestLog.filter { $0.path == "/v1/products" && $0.status == 0 }
            #expect(!dropped.isEmpty)
        }
    }

    @Test("a retried POST reuses its idempotency key, so nothing is created twice")
    func idempotentCreate() async throws {
        try await withClient { client, running in
            let first = try json(try client.send(.post, "/v1/products", parameters: [("name", "Once")], idempotencyKey: "fixture-product-1"))
            let again = try json(try client.send(.post, "/v1/products", parameters: [("name", "Once")], idempotencyKey: "fixture-product-1"))
            #expect(first["id"] as? String == again["id"] as? String)
            let list = try json(try client.send(.get, "/v1/products"))
            #expect((list["data"] as? [Any])?.count == 1)
            _ = running
        }
    }

    // The client blocks, so `withClient` runs it on a thread of its own, where an expectation would
    // be recorded against no test: these bodies return what they saw, and the test expects.

    @Test("a 429's Retry-After is waited for before the retry, and the request carries the pinned Stripe-Version")
    func honoursRetryAfter() async throws {
        let waits = WaitLog()
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: 0.001, maxDelay: 20, sleep: { waits.append($0) })
        let (log, retries) = try await withClient(retry: policy) { client, running in
            try control(running, .post, "/_emulator/faults", [("rate_limit_every", "2"), ("retry_after", "3")])
            let before = running.emulator.requestLog.count
            for _ in 0..<2 { _ = try client.send(.get, "/v1/products") }
            return (Array(running.emulator.requestLog.dropFirst(before)), client.retries)
        }
        #expect(log.map(\.status) == [200, 429, 200])
        #expect(waits.all == [3])  // not the millisecond the backoff alone would wait
        #expect(retries == 1)
        for entry in log {
            #expect(entry.headers["stripe-version"] == StripeClientConfiguration.defaultAPIVersion)
            #expect(entry.headers["idempotency-key"] == nil)  // GETs need none
            #expect(entry.headers["authorization"]?.contains("clienttests123") == false)  // the log keeps no key
        }
    }

    @Test("a POST retried after a server error is sent again with the same Idempotency-Key and the pinned Stripe-Version")
    func retriedPostKeepsItsKey() async throws {
        let (posts, created, listed) = try await withClient { client, running in
            try control(running, .post, "/_emulator/faults", [("error_every", "2")])
            _ = try client.send(.get, "/v1/products")  // the first request passes, the second fails
            let before = running.emulator.requestLog.count
            let created = try json(try client.send(.post, "/v1/products", parameters: [("name", "Retried")]))["id"] as? String
            let posts = running.emulator.requestLog.dropFirst(before).filter { $0.method == "POST" }
            try control(running, .delete, "/_emulator/faults")
            let list = try json(try client.send(.get, "/v1/products"))
            return (Array(posts), created, (list["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? [])
        }
        #expect(posts.map(\.status) == [500, 200])
        let keys = posts.compactMap { $0.headers["idempotency-key"] }
        #expect(keys.count == 2 && !keys[0].isEmpty && keys[0] == keys[1])
        #expect(posts.allSatisfy { $0.headers["stripe-version"] == StripeClientConfiguration.defaultAPIVersion })
        #expect(created != nil && listed == [created].compactMap { $0 })  // created once
    }

    @Test("a missing object is a 404 resource_missing naming the request")
    func notFound() async throws {
        try await withClient { client, _ in
            let error = try #require(throws: HTTPError.self) { try client.send(.get, "/v1/customers/cus_nope") }
            guard case .api(let api) = error else { Issue.record("expected an API error"); return }
            #expect(api.status == 404)
            #expect(api.code == "resource_missing")
            #expect(api.requestID?.hasPrefix("req_") == true)
            #expect(error.description.contains("GET /v1/customers/cus_nope"))
        }
    }
}
