import Foundation
import Testing
@testable import StripeEmulator

@Suite("The stripe-oltp-emulator executable")
struct EmulatorExecutableTests {
    /// The built executable (`swift build` builds it with the tests).
    static let binary = URL(fileURLWithPath: repositoryRoot).appendingPathComponent(".build/debug/stripe-oltp-emulator")

    /// Waits for the server's "listening on URL" line in `output`; returns the URL.
    private static func listeningURL(_ output: URL, _ process: Process) async throws -> String? {
        for _ in 0..<600 where process.isRunning {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on "), let end = text[range.upperBound...].firstIndex(of: "\n") {
                return String(text[range.upperBound..<end])
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test("every fault flag is in force from the start, and neither stdout nor the per-request lines hold a key")
    func faultFlagsAndOutput() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emu-exe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        for url in [outURL, errURL] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--port", "0", "--rate-limit-every", "3", "--rate-limit-per-second", "500",
                             "--rate-limit-per-window", "50", "--error-every", "5", "--error-status", "503",
                             "--latency-ms", "1", "--drop-every", "7"]
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let base = try #require(try await Self.listeningURL(outURL, process), "the emulator did not start")
        #expect(base.hasPrefix("http://127.0.0.1:"))

        var control = Curl(base: base)
        control.key = nil
        let faults = try #require(try await control.call("GET", "/_emulator/faults").body)
        #expect(faults["rate_limit_every"]?.intValue == 3)
        #expect(faults["rate_limit_per_second"]?.intValue == 500)
        #expect(faults["rate_limit_per_window"]?.intValue == 50)
        #expect(faults["error_every"]?.intValue == 5)
        #expect(faults["error_status"]?.intValue == 503)
        #expect(faults["latency_ms"]?.intValue == 1)
        #expect(faults["drop_every"]?.intValue == 7)

        let key = "sk_test_executable0123456789"
        let curl = Curl(base: base, key: key)
        let statuses = try await (1...7).asyncMap { _ in try await curl.call("GET", "/v1/customers").status }
        // Request 3 and 6 are rate limited, 5 is a server error, 7 is dropped (no answer).
        #expect(statuses == [200, 200, 429, 200, 503, 429, 0])
        var wrong = curl
        wrong.key = "sk_test_not-valid-99999999"
        #expect(try await wrong.call("GET", "/v1/customers").status == 401)  // request 8: no fault
        var bearer = curl
        bearer.key = nil
        _ = try await bearer.call("GET", "/v1/customers", headers: ["Authorization: Bearer \(key)"])

        process.terminate()
        for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        let printed = (try String(contentsOf: outURL, encoding: .utf8)) + (try String(contentsOf: errURL, encoding: .utf8))
        #expect(printed.contains("GET /v1/customers 429"), "\(printed)")
        #expect(printed.contains("GET /v1/customers 503"))
        #expect(printed.contains("GET /v1/customers dropped"))
        for secret in [key, "sk_test_not-valid-99999999", "99999999"] {
            #expect(!printed.contains(secret), "the emulator printed \(secret)")
        }
    }

    @Test("a bad --error-status or --port is refused with a usage error")
    func badFlags() async throws {
        for arguments in [["--error-status", "404"], ["--port", "70000"]] {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                process.terminationHandler = { _ in continuation.resume() }
                do { try process.run() } catch { process.terminationHandler = nil; continuation.resume() }
            }
            #expect(process.terminationStatus == 64, "\(arguments): exit \(process.terminationStatus)")
        }
    }
}
