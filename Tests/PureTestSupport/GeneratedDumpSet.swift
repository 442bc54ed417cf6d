import Foundation
import StripeGenerator
import StripeSchema

/// A synthetic dump set written to a temporary folder and read back with `JSONSerialization`,
/// whatever layout each file has (NDJSON, list envelope or array).
public struct GeneratedDumpSet {
    /// The repository root.
    public static var repoRoot: URL { TestFolders.repoRoot }
    /// The shipped templates.
    public static let templates = repoRoot.appendingPathComponent("fixtures/stripe-shapes.json")
    /// The shipped sample data set.
    public static let sampleDirectory = repoRoot.appendingPathComponent("fixtures/sample")

    /// Where the files are.
    public let directory: URL
    /// What the generator reported.
    public let summary: SyntheticDumpSummary
    /// The objects of each file, in file order.
    public let objects: [Resource: [[String: Any]]]

    /// Generates a dump set into a new temporary folder and reads it back.
    public static func generate(customers: Int, seed: UInt64, format: SyntheticDumpFormat = .ndjson,
                         overrides: [Resource: SyntheticDumpFormat] = [:]) throws -> GeneratedDumpSet {
        let directory = try temporaryDirectory()
        let summary = try SyntheticDumpGenerator(templates: templates, seed: seed)
            .write(customers: customers, to: directory, format: format, formatOverrides: overrides)
        return try GeneratedDumpSet(directory: directory, summary: summary)
    }

    /// Reads the dump set in `directory`.
    public init(directory: URL, summary: SyntheticDumpSummary) throws {
        self.directory = directory
        self.summary = summary
        var objects: [Resource: [[String: Any]]] = [:]
        for resource in Resource.allCases {
            objects[resource] = try GeneratedDumpSet.read(directory.appendingPathComponent(resource.fileName))
        }
        self.objects = objects
    }

    /// The objects of one file, whatever its layout.
    public static func read(_ file: URL) throws -> [[String: Any]] {
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
    public func fileBytes() throws -> [String: Data] {
        var bytes: [String: Data] = [:]
        for resource in Resource.allCases {
            bytes[resource.fileName] = try Data(contentsOf: directory.appendingPathComponent(resource.fileName))
        }
        return bytes
    }

    /// The objects of `resource`.
    public subscript(resource: Resource) -> [[String: Any]] { objects[resource] ?? [] }

    /// The ids of the objects of `resource`.
    public func ids(_ resource: Resource) -> Set<String> {
        Set(self[resource].compactMap { $0["id"] as? String })
    }

    /// Removes the folder.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A new empty temporary folder.
    public static func temporaryDirectory() throws -> URL {
        try TestFolders.temporaryDirectory()
    }

    /// The id a reference names, whether it is an id string or an expanded object.
    public static func reference(_ value: Any?) -> String? {
        if let id = value as? String { return id }
        if let object = value as? [String: Any] { return object["id"] as? String }
        return nil
    }

    /// An integer field.
    public static func int(_ value: Any?) -> Int? {
        (value as? NSNumber)?.intValue ?? (value as? Int)
    }

    /// The value at a path of keys.
    public static func value(_ object: [String: Any], _ path: String...) -> Any? {
        var current: Any? = object
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }
}
