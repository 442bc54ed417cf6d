import Foundation

/// A file of the repository embedded in the executable at build time (see the `BundledFilesPlugin`
/// build tool), so the CLI works from any directory without the repository next to it.
public struct BundledFile: Sendable {
    /// The file's name (`0001_create_stripe_schema.sql`, `populate.json`).
    public let name: String
    /// The file's exact bytes.
    public let contents: Data

    /// A file named `name` whose bytes are the base64 text `base64`; the generated source is the
    /// only caller, so text that is not base64 is a build defect.
    public init(name: String, base64: String) {
        guard let data = Data(base64Encoded: base64) else {
            preconditionFailure("embedded file \(name) is not valid base64")
        }
        self.name = name
        self.contents = data
    }
}

extension BundledFile {
    /// The embedded fixture named `name` (`populate.json`); a name the build does not embed is a
    /// programmer error.
    public static func fixture(named name: String) -> BundledFile {
        guard let file = fixtures.first(where: { $0.name == name }) else {
            preconditionFailure("no fixture named \(name) is built into the executable")
        }
        return file
    }
}
