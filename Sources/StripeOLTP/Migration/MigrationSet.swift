import BundledFiles
import Foundation
import StripeJSON

/// The migration files of one folder (or those built into the executable), validated and sorted
/// by version.
public struct MigrationSet: Sendable {
    /// The folder the files came from; nil for the files built into the executable.
    public let directory: URL?
    /// Where the files came from, for messages: the folder's path, or "the migrations built into stripe-oltp".
    public let origin: String
    /// The files, in version order.
    public let files: [MigrationFile]

    /// What `origin` says of the migrations built into the executable.
    public static let bundledOrigin = "the migrations built into stripe-oltp"

    /// Reads every `.sql` file of `directory`; throws on a bad name or a duplicate version.
    public init(directory: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw LoaderError.migration(file: directory.path, reason: "migrations folder cannot be read")
        }
        var files: [MigrationFile] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw LoaderError.migration(file: name, reason: "cannot be read")
            }
            files.append(try MigrationFile(fileName: name, contents: data))
        }
        try self.init(directory: directory, origin: directory.path, files: files)
    }

    /// The `migrations/` folder as it was when the executable was built (embedded in it, so
    /// `migrate` works from any directory); throws as `init(directory:)` does on a bad file.
    public static func bundled() throws -> MigrationSet {
        let files = try BundledFile.migrations.map { try MigrationFile(fileName: $0.name, contents: $0.contents) }
        return try MigrationSet(directory: nil, origin: bundledOrigin, files: files)
    }

    /// Checks `files` for duplicate versions and sorts them.
    private init(directory: URL?, origin: String, files: [MigrationFile]) throws {
        self.directory = directory
        self.origin = origin
        var seen: [Int: String] = [:]
        for file in files {
            if let other = seen[file.version] {
                throw LoaderError.migration(
                    file: file.fileName, reason: "duplicate version \(file.version) (also used by \(other))")
            }
            seen[file.version] = file.fileName
        }
        self.files = files.sorted { $0.version < $1.version }
    }

    /// The file with `version`, if any.
    public func file(version: Int) -> MigrationFile? {
        files.first { $0.version == version }
    }

    /// The version a new file would get: one more than the highest present.
    public var nextVersion: Int {
        (files.map(\.version).max() ?? 0) + 1
    }
}
