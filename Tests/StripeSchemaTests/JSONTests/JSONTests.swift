import Foundation
@testable import StripeJSON
import Testing

/// The streaming JSON layer: parser, values, and dump reading (no database needed).
/// The test suites are nested in this one so `--filter JSONTests` selects them all.
@Suite("JSON layer")
enum JSONTests {
    /// A fresh temporary folder, deleted when released.
    final class TempFolder {
        /// The folder's path.
        let path: String

        /// Creates a new, empty temporary folder.
        init() throws {
            path = NSTemporaryDirectory() + "json-tests-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(atPath: path)
        }

        /// Writes `bytes` to `name` in the folder and returns the file's path.
        func write(_ name: String, bytes: [UInt8]) throws -> String {
            let file = path + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            return file
        }

        /// Writes `text` as UTF-8 to `name` in the folder and returns the file's path.
        func write(_ name: String, _ text: String) throws -> String {
            try write(name, bytes: Array(text.utf8))
        }
    }

    /// Compresses `file` with the `gzip` command (replacing it) and returns the `.gz` path.
    static func gzip(_ file: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-f", file]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "gzip failed")
        return file + ".gz"
    }

    /// Every object `DumpReader` hands out for `path`, and the detected format.
    static func read(_ path: String, chunkSize: Int = DumpReader.defaultChunkSize) throws -> (objects: [DumpObject], format: DumpFormat?) {
        let reader = try DumpReader(path: path, chunkSize: chunkSize)
        var objects: [DumpObject] = []
        try reader.forEach { objects.append($0) }
        return (objects, reader.format)
    }

    /// The objects' bytes as strings.
    static func texts(_ objects: [DumpObject]) -> [String] {
        objects.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// The 0-based byte offset of the first occurrence of `needle` in `text` at or after byte `from`.
    static func offset(of needle: String, in text: String, from: Int = 0) -> Int? {
        let haystack = Array(text.utf8)
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count else { return nil }
        var index = from
        while index + pattern.count <= haystack.count {
            if haystack[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// The 1-based line of byte `offset` in `text`.
    static func line(of offset: Int, in text: String) -> Int {
        1 + text.utf8.prefix(offset).filter { $0 == 0x0A }.count
    }

    /// The parts of a `LoaderError.malformedJSON`.
    struct Malformed: Equatable {
        let file: String
        let offset: Int
        let line: Int
        let reason: String
    }

    /// Reads `text` as a dump file and returns the malformed-JSON error it must raise, and how
    /// many objects were handed out before it.
    static func malformed(_ text: String, name: String = "dump.json", chunkSize: Int = DumpReader.defaultChunkSize) throws -> (error: Malformed?, emitted: Int) {
        let folder = try TempFolder()
        let path = try folder.write(name, text)
        let reader = try DumpReader(path: path, chunkSize: chunkSize)
        var emitted = 0
        do {
            try reader.forEach { _ in emitted += 1 }
        } catch LoaderError.malformedJSON(let file, let offset, let line, let reason) {
            #expect(file == path)
            return (Malformed(file: file, offset: offset, line: line, reason: reason), emitted)
        }
        return (nil, emitted)
    }

    /// The bytes of `text`.
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }
}
