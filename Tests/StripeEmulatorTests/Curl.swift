import Foundation
@testable import StripeEmulator

/// One HTTP exchange made with the real `curl` binary.
struct CurlResult {
    var status: Int
    var headers: [String: String]
    var body: JSONValue?
    var exitCode: Int32
}

/// Runs `curl` against a started emulator.
struct Curl {
    let base: String
    var key: String? = "sk_test_emulator123456"

    func call(_ method: String, _ path: String, _ form: [(String, String)] = [], headers: [String] = [],
              timeout: Int = 10) async throws -> CurlResult {
        var arguments = ["-sS", "-i", "-X", method, "--max-time", String(timeout)]
        if let key { arguments += ["-u", "\(key):"] }
        for header in headers { arguments += ["-H", header] }
        var url = base + path
        if method == "GET" || method == "DELETE" {
            if !form.isEmpty {
                url += (path.contains("?") ? "&" : "?") + form.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
            }
        } else {
            for (name, value) in form { arguments += ["--data-urlencode", "\(name)=\(value)"] }
        }
        arguments.append(url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl"] + arguments
        // curl writes to a file and the exit is awaited, so no thread of the shared pool (which also
        // serves the in-process emulator) blocks while curl runs.
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("emu-curl-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let handle = try FileHandle(forWritingTo: outputURL)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { process.terminationHandler = nil; continuation.resume() }
        }
        try? handle.close()
        let data = (try? Data(contentsOf: outputURL)) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else {
            return CurlResult(status: 0, headers: [:], body: nil, exitCode: process.terminationStatus)
        }
        let head = text[..<split.lowerBound].split(separator: "\r\n")
        let status = head.first.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
        var headerMap: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headerMap[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let body = JSONValue.parse(String(text[split.upperBound...]))
        return CurlResult(status: status, headers: headerMap, body: body, exitCode: process.terminationStatus)
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

/// Starts an emulator on a free loopback port for the duration of `body`.
func withEmulator<T>(seedDirectory: String? = nil, _ body: (Curl, RunningEmulator) async throws -> T) async throws -> T {
    let emulator = try Emulator(seedDirectory: seedDirectory)
    let running = try await EmulatorServer(emulator: emulator, host: "127.0.0.1", port: 0).start()
    do {
        let result = try await body(Curl(base: running.baseURL), running)
        await running.stop()
        return result
    } catch {
        await running.stop()
        throw error
    }
}

/// The repository root (for fixtures).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

extension Sequence {
    /// `map` with an async throwing transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
