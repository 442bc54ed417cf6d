import Foundation
import PackagePlugin

/// Embeds the files the CLI needs at run time in the executable: every `.sql` file of the
/// top-level `migrations/` folder and `fixtures/populate.json` (populate's default), through
/// `scripts/embed-bundled-files.sh`. Each file is an input of the command, so a changed file
/// runs it again; adding or removing a file changes the package's structure, so SwiftPM asks this
/// plugin again and the new list is embedded, without any Swift change. The command runs
/// `/bin/sh`, not a tool built from source, so a new plan never needs the old one to build first.
@main
struct BundledFilesPlugin: BuildToolPlugin {
    /// `sh scripts/embed-bundled-files.sh OUTPUT SCRATCH MIGRATIONS_DIR FIXTURE…`.
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let script = root.appending(path: "scripts").appending(path: "embed-bundled-files.sh")
        let migrations = root.appending(path: "migrations")
        let fixtures = [root.appending(path: "fixtures").appending(path: "populate.json")]
        let names = try FileManager.default.contentsOfDirectory(atPath: migrations.path).filter { $0.hasSuffix(".sql") }.sorted()
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledFile+Contents.swift")
        return [.buildCommand(
            displayName: "Embedding the migrations folder and the populate fixture in stripe-oltp",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [script.path, output.path, output.path + ".next", migrations.path] + fixtures.map(\.path),
            inputFiles: [script, migrations] + names.map { migrations.appending(path: $0) } + fixtures,
            outputFiles: [output])]
    }
}
