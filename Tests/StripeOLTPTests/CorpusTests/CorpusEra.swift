import Foundation
import StripeOLTP
import StripeSchema
import TestSupport

/// One folder of `fixtures/corpus/`: Stripe's published example objects of one era (or hand-made
/// objects of one documented old shape), one dump file per resource.
struct CorpusEra: Sendable {
    /// The folder name (`2018-fixtures3`, `handmade-2018-billing-legacy`).
    let name: String

    /// The corpus root, `fixtures/corpus`.
    static var root: URL { TestEnvironment.fixturesDirectory.appendingPathComponent("corpus") }

    /// Every era folder, sorted by name.
    static var all: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// The folder's path.
    var path: String { Self.root.appendingPathComponent(name).path }

    /// The objects of `resource`'s dump file (a JSON array), in file order.
    func objects(_ resource: Resource) throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: path).appendingPathComponent(resource.fileName)
        // An era dumped before the resource was fetched (invoice payments) has no file: none.
        if ResourceSpec.of(resource).dumpFileOptional && !FileManager.default.fileExists(atPath: url.path) { return [] }
        let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let array = parsed as? [[String: Any]] else {
            throw CorpusError.notAnArray(file: url.path)
        }
        return array
    }

    /// The live objects of `resource` (deletion markers left out).
    func liveObjects(_ resource: Resource) throws -> [[String: Any]] {
        try objects(resource).filter { ($0["deleted"] as? Bool) != true }
    }
}
