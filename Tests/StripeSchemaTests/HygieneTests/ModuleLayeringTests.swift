import Foundation
import PureTestSupport
import Testing

/// The compiler holds the layering only if no source file imports past its layer: the pure
/// modules (JSON and dump reading, schema, generator) reach neither the database nor the network,
/// and only the binding modules touch the C libraries.
@Suite("Module layering")
struct ModuleLayeringTests {
    /// The targets that must stay pure (the modules, and the tests that run without a database),
    /// with their folders.
    static let pureTargets = [
        "Sources/StripeJSON", "Sources/StripeSchema", "Sources/StripeGenerator",
        "Tests/PureTestSupport", "Tests/StripeSchemaTests",
    ]
    /// What a pure target must not import or depend on.
    static let impureModules = [
        "Postgres", "StripeHTTP", "CLibPQ", "CCurl", "FoundationNetworking", "StripeOLTP", "TestSupport",
    ]

    @Test("the pure targets import neither Postgres, StripeHTTP, the C libraries, Foundation networking, the loader nor the database test support",
          arguments: pureTargets)
    func pureTargetsStayPure(folder: String) throws {
        let files = try Self.swiftFiles(in: folder)
        #expect(!files.isEmpty, "\(folder) holds no Swift file")
        for (path, modules) in files {
            let forbidden = modules.intersection(Self.impureModules)
            #expect(forbidden.isEmpty, "\(path) imports \(forbidden.sorted().joined(separator: ", "))")
        }
    }

    @Test("only Postgres imports CLibPQ and only StripeHTTP imports CCurl", arguments: [
        ("CLibPQ", "Postgres"), ("CCurl", "StripeHTTP"),
    ])
    func onlyBindingModulesImportCLibraries(library: String, owner: String) throws {
        for (path, modules) in try Self.swiftFiles(in: "Sources") where modules.contains(library) {
            #expect(path.hasPrefix("Sources/\(owner)/"), "\(path) imports \(library); only Sources/\(owner) may")
        }
    }

    @Test("Package.swift gives the pure targets no dependency on the database, the network, the loader or the database test support",
          arguments: pureTargets)
    func pureTargetDependencies(folder: String) throws {
        let target = String(folder.split(separator: "/").last ?? "")
        let manifest = try String(contentsOf: TestFolders.repoRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declaration = try #require(Self.targetDeclaration(named: target, in: manifest), "no target \(target) in Package.swift")
        for name in Self.impureModules {
            #expect(!declaration.contains("\"\(name)\""), "target \(target) depends on \(name)")
        }
    }

    @Test("the import scanner sees plain, attributed and kind-qualified imports")
    func scannerSeesImports() {
        let text = [
            "import Foundation", "@testable import Postgres", "  @_implementationOnly import CLibPQ",
            "import struct StripeHTTP.StripeClient", "// import CCurl", "let importance = 1",
        ].joined(separator: "\n")
        #expect(Self.importedModules(in: text) == ["Foundation", "Postgres", "CLibPQ", "StripeHTTP"])
    }

    /// The modules `text` imports (any attributes, `import struct M.T` too; not in comments).
    static func importedModules(in text: String) -> Set<String> {
        var modules = Set<String>()
        for line in text.split(separator: "\n") {
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
            while let first = words.first, first.hasPrefix("@") { words = words.dropFirst() }
            guard words.first == "import", words.count >= 2 else { continue }
            words = words.dropFirst()
            let kinds: Set<Substring> = ["struct", "class", "enum", "protocol", "typealias", "func", "let", "var"]
            if let kind = words.first, kinds.contains(kind), words.count >= 2 { words = words.dropFirst() }
            if let module = words.first?.split(separator: ".").first { modules.insert(String(module)) }
        }
        return modules
    }

    /// Every Swift file under `folder` (relative to the repository root), with the modules it imports.
    static func swiftFiles(in folder: String) throws -> [(path: String, modules: Set<String>)] {
        let root = TestFolders.repoRoot
        let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        var files: [(path: String, modules: Set<String>)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files.append((path, importedModules(in: try String(contentsOf: url, encoding: .utf8))))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The text of the `.target(name: "<name>", …)` declaration in `manifest`, up to the next target.
    static func targetDeclaration(named name: String, in manifest: String) -> String? {
        guard let start = manifest.range(of: "name: \"\(name)\"") else { return nil }
        let rest = manifest[start.upperBound...]
        let end = rest.range(of: "name: \"")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }
}
