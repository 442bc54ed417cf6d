import Foundation
import StripeJSON

/// Finds the dump file of each resource in a folder.
public struct DumpDirectory: Sendable {
    /// The folder.
    public let path: String

    /// A dump folder at `path`; throws when it is not a folder.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoaderError.dumpFile(file: path, reason: "is not a folder")
        }
        self.path = path
    }

    /// The candidate names for a resource's file, in order of preference.
    public static func candidateNames(for resource: Resource) -> [String] {
        let base = resource.rawValue
        return ["\(base).json", "\(base).json.gz", "\(base).ndjson", "\(base).ndjson.gz"]
    }

    /// The path of `resource`'s dump file, or nil when the folder has none.
    public func file(for resource: Resource) -> String? {
        for name in DumpDirectory.candidateNames(for: resource) {
            let candidate = (path as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Throws when the folder holds no dump file for any of `resources`, naming the folder and the
    /// file names looked for: an empty or wrong folder is an error, not an empty load.
    public func requireAnyFile(for resources: [Resource]) throws {
        guard !resources.contains(where: { file(for: $0) != nil }) else { return }
        let names = resources.map { DumpDirectory.candidateNames(for: $0)[0] }.joined(separator: ", ")
        let suffixes = DumpDirectory.candidateNames(for: resources[0]).dropFirst()
            .map { String($0.dropFirst(resources[0].rawValue.count)) }.joined(separator: ", ")
        throw LoaderError.dumpFile(file: path, reason: "holds no dump file: looked for \(names) (each also as \(suffixes))")
    }
}
