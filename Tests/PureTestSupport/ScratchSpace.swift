import Foundation

/// The temporary folders of one test process: all live under one folder named for the process,
/// which is removed when the process exits; folders left by earlier processes that are no longer
/// running (killed runs, crashes) are removed the first time this process asks for one.
public enum ScratchSpace {
    /// The folder that holds every scratch folder of every test process.
    public static let parent: URL = FileManager.default.temporaryDirectory.appendingPathComponent("stripe-oltp-tests")

    /// This process's folder, `parent/<pid>-<start>`; created, swept and registered for removal once.
    public static let root: URL = {
        let root = parent.appendingPathComponent("\(getpid())-\(TestProcess.startTime)")
        sweepDeadProcesses(in: parent)
        sweepLegacyFolders()
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchSpace.root) }
        return root
    }()

    /// A new empty folder under this process's root.
    public static func newFolder(prefix: String = "t") throws -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(12))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes the folders in `parent` named for test processes (`<pid>-…`) that are no longer running.
    public static func sweepDeadProcesses(in parent: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names {
            guard let pid = name.split(separator: "-").first.flatMap({ Int32($0) }),
                  !TestProcess.isRunning(pid) else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Removes the flat `stripe-oltp-test-*` / `stripe-oltp-generate-*` folders of earlier test
    /// versions once they are a day old (no test run lasts that long, so none is still in use).
    private static func sweepLegacyFolders() {
        let temp = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? []
        let cutoff = Date().addingTimeInterval(-24 * 3600)
        for name in names where name.hasPrefix("stripe-oltp-test-") || name.hasPrefix("stripe-oltp-generate-") {
            let url = temp.appendingPathComponent(name)
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
                  modified < cutoff else { continue }
            try? FileManager.default.removeItem(at: url)
        }
    }
}
