import Foundation

/// The migration files of one folder, validated and sorted by version.
public struct MigrationSet: Sendable {
    /// The folder the files came from.
    public let directory: URL
    /// The files, in version order.
    public let files: [MigrationFile]

    /// Reads every `.sql` file of `directory`; throws on a bad name or a duplicate version.
    public init(directory: URL) throws {
        self.directory = directory
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
