import Foundation
import StripeOLTP
import TestSupport

/// A synthetic dump set written to a temporary folder and read back with `JSONSerialization`,
/// whatever layout each file has (NDJSON, list envelope or array).
struct GeneratedDumpSet {
    /// The repository root (four levels above this file).
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The shipped templates.
    static let templates = repoRoot.appendingPathComponent("fixtures/stripe-shapes.json")
    /// The shipped sample data set.
    static let sampleDirectory = repoRoot.appendingPathComponent("fixtures/sample")

    /// Where the files are.
    let directory: URL
    /// What the generator reported.
    let summary: SyntheticDumpSummary
    /// The objects of each file, in file order.
    let objects: [Resource: [[String: Any]]]

    /// Generates a dump set into a new temporary folder and reads it back.
    static func generate(customers: Int, seed: UInt64, format: SyntheticDumpFormat = .ndjson,
                         overrides: [Resource: SyntheticDumpFormat] = [:]) throws -> GeneratedDumpSet {
        let directory = try temporaryDirectory()
        let summary = try SyntheticDumpGenerator(templates: templates, seed: seed)
            .write(customers: customers, to: directory, format: format, formatOverrides: overrides)
        return try GeneratedDumpSet(directory: directory, summary: summary)
    }

    /// Reads the dump set in `directory`.
    init(directory: URL, summary: SyntheticDumpSummary) throws {
        self.directory = directory
        self.summary = summary
        var objects: [Resource: [[String: Any]]] = [:]
        for resource in Resource.allCases {
            objects[resource] = try GeneratedDumpSet.read(directory.appendingPathComponent(resource.fileName))
        }
        self.objects = objects
    }

    /// The objects of one file, whatever its layout.
    static func read(_ file: URL) throws -> [[String: Any]] {
        let data = try Data(contentsOf: file)
        if let whole = try? JSONSerialization.jsonObject(with: data) {
            if let array = whole as? [[String: Any]] { return array }
            if let envelope = whole as? [String: Any], envelope["object"] as? String == "list",
               let list = envelope["data"] as? [[String: Any]] {
                return list
            }
        }
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt)
            }
            return object
        }
    }

    /// The raw bytes of every file, by name.
    func fileBytes() throws -> [String: Data] {
        var bytes: [String: Data] = [:]
        for resource in Resource.allCases {
            bytes[resource.fileName] = try Data(contentsOf: directory.appendingPathComponent(resource.fileName))
        }
        return bytes
    }

    /// The objects of `resource`.
    subscript(resource: Resource) -> [[String: Any]] { objects[resource] ?? [] }

    /// The ids of the objects of `resource`.
    func ids(_ resource: Resource) -> Set<String> {
        Set(self[resource].compactMap { $0["id"] as? String })
    }

    /// Removes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new empty temporary folder.
    static func temporaryDirectory() throws -> URL {
        try TestEnvironment.temporaryDirectory()
    }

    /// The id a reference names, whether it is an id string or an expanded object.
    static func reference(_ value: Any?) -> String? {
        if let id = value as? String { return id }
        if let object = value as? [String: Any] { return object["id"] as? String }
        return nil
    }

    /// An integer field.
    static func int(_ value: Any?) -> Int? {
        (value as? NSNumber)?.intValue ?? (value as? Int)
    }

    /// The value at a path of keys.
    static func value(_ object: [String: Any], _ path: String...) -> Any? {
        var current: Any? = object
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }
}
