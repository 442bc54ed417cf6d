import Foundation
import StripeHTTP

/// What `--version` reports: the product version, the git revision of the checkout the binary
/// was built in (read from its `.git` files, never by running a program), and the pinned Stripe API version.
enum BuildInfo {
    /// `0.1.0 (git 3af7dda, Stripe API 2025-03-31.basil)`.
    static var versionText: String {
        "\(StripeClientConfiguration.productVersion) (git \(gitRevision() ?? "unknown"), "
            + "Stripe API \(StripeClientConfiguration.defaultAPIVersion))"
    }

    /// The short commit of the checkout holding the executable (`…/.build/<config>/stripe-oltp`), or nil.
    static func gitRevision(executable: String = executablePath()) -> String? {
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            if let gitDir = gitDirectory(in: folder) { return revision(gitDir: gitDir).map { String($0.prefix(7)) } }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    private static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The git folder of the checkout at `folder`: `.git` itself, or where a worktree's `.git` file points.
    private static func gitDirectory(in folder: URL) -> URL? {
        let dotGit = folder.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return dotGit }
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
        let path = text.dropFirst(7).trimmingCharacters(in: .whitespacesAndNewlines)
        return resolve(path, against: folder)
    }

    /// `path` as is when absolute, else inside `base`.
    private static func resolve(_ path: String, against base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
    }

    /// The commit HEAD names: a detached hash, or the branch's loose or packed ref.
    private static func revision(gitDir: URL) -> String? {
        guard let head = try? String(contentsOf: gitDir.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return head.isEmpty ? nil : head }
        let ref = String(head.dropFirst(5))
        // A worktree keeps its HEAD; its refs live in the common folder.
        var folders = [gitDir]
        if let common = try? String(contentsOf: gitDir.appendingPathComponent("commondir"), encoding: .utf8) {
            folders.append(resolve(common.trimmingCharacters(in: .whitespacesAndNewlines), against: gitDir))
        }
        for folder in folders {
            if let loose = try? String(contentsOf: folder.appendingPathComponent(ref), encoding: .utf8) {
                return loose.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if let packed = try? String(contentsOf: folder.appendingPathComponent("packed-refs"), encoding: .utf8),
               let line = packed.split(separator: "\n").first(where: { $0.hasSuffix(" " + ref) }) {
                return String(line.prefix { $0 != " " })
            }
        }
        return nil
    }
}
