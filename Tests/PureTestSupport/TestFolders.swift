import Foundation

/// The folders every test shares, pure ones included: the repository root, its fixtures, and
/// temporary folders under this process's scratch folder (see ``ScratchSpace``).
public enum TestFolders {
    /// The repository root (three levels above this file).
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped fixtures folder.
    public static var fixturesDirectory: URL { repoRoot.appendingPathComponent("fixtures") }

    /// A new empty temporary folder under this process's scratch folder, which is removed when
    /// the process exits (and by the next run when this one is killed).
    public static func temporaryDirectory() throws -> URL {
        try ScratchSpace.newFolder()
    }

    /// Runs `body` with a new empty temporary folder and removes the folder afterwards.
    public static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }
}
