import Foundation
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

@Suite("CLI basics: --version, -q/-v, hidden test options, which server and account", .needsDatabase)
struct CLIBasicsTests {
    /// The checkout's HEAD commit, short, as git itself spells it.
    private static func headRevision() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", TestEnvironment.repoRoot.path, "rev-parse", "--short=7", "HEAD"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("--version names the product version, the git revision and the pinned Stripe API version")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(StripeClientConfiguration.productVersion))
        #expect(result.stdout.contains("Stripe API \(StripeClientConfiguration.defaultAPIVersion)"))
        let head = try Self.headRevision()
        #expect(!head.isEmpty && result.stdout.contains("git \(head)"), "\(result.stdout) vs \(head)")
    }

    @Test("--test and --migrations-dir are left out of normal help, shown with --help-hidden")
    func hiddenOptions() throws {
        let help = try CLI.run(["migrate", "up", "--help"])
        #expect(help.stdout.contains("--database-url"))
        #expect(!help.stdout.contains("--migrations-dir") && !help.stdout.contains("--test "))
        let hidden = try CLI.run(["migrate", "up", "--help-hidden"])
        #expect(hidden.stdout.contains("--migrations-dir") && hidden.stdout.contains("--test"))
    }

    @Test("-q drops the notes, -v adds the database in use; both work anywhere on the line")
    func verbosity() throws {
        try TestDatabase.with { db in
            let normal = try CLI.run(["ingest", "all", "--dir", TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path,
                                      "--database-url", db.url])
            #expect(normal.status == 0, "\(normal.stderr)")
            #expect(normal.stderr.contains("note: ingesting"))
            let quiet = try CLI.run(["ingest", "-q", "all", "--dir", TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path,
                                     "--database-url", db.url])
            #expect(quiet.status == 0)
            #expect(!quiet.stderr.contains("note:"))
            #expect(quiet.stdout.contains("succeeded"))
            let verbose = try CLI.run(["-v", "migrate", "status", "--database-url", db.url])
            #expect(verbose.stderr.contains("detail: database 127.0.0.1:"), "\(verbose.stderr)")
            #expect(!normal.stderr.contains("detail:"))
        }
    }

    @Test("populate says which Stripe server and account it talks to, never the key")
    func populateNamesAccount() async throws {
        try await PopulateEmulator.with { running in
            let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("manifest.json").path
            let account = running.emulator.withState { $0.accountID }
            let result = try CLI.run(["populate", "--manifest", path], environment: PopulateEmulator.cliEnvironment(running))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("populating Stripe account \(account) (test mode) at \(running.baseURL)"))
            #expect(!(result.stdout + result.stderr).contains(PopulateEmulator.testKey))
        }
    }
}
