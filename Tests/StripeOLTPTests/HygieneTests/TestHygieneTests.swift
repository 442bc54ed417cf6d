import Foundation
import Postgres
import PureTestSupport
import StripeOLTP
import Testing
import TestSupport

@Suite("The test suite cleans up after itself and is isolated from a developer's settings")
struct TestHygieneTests {
    /// The id of a process that has just exited (so no process with it is running).
    private static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["true"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("the sweep drops only idle databases of finished runs on this machine, never a running one's, another machine's or a connected one",
          .needsDatabase)
    func staleDatabasesSwept() throws {
        let server = try #require(TestEnvironment.testDatabaseURL)
        let dead = try Self.deadPID()
        let earlier = TestProcess.startTime - 60
        let host = TestProcess.hostTag
        let stale = "t_\(host)_\(dead)_\(earlier)_aaaaaaaa"
        let connected = "t_\(host)_\(dead)_\(earlier)_bbbbbbbb"
        let running = "t_\(host)_\(getppid())_\(earlier)_cccccccc"
        let otherHost = "t_zzzzzz_\(dead)_\(earlier)_dddddddd"
        let later = "t_\(host)_\(dead)_\(TestProcess.startTime + 3600)_eeeeeeee"
        let legacy = "t_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))
        let names = [stale, connected, running, otherHost, later, legacy]
        let admin = try PGConnection(url: server)
        defer { for name in names { _ = try? admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } }
        for name in names { try admin.query("CREATE DATABASE \(name)") }
        let holder = try PGConnection(url: TestDatabase.replacingDatabase(in: server, with: connected))
        defer { holder.close() }

        let dropped = try StaleTestDatabases.sweep(serverURL: server)
        #expect(dropped.contains(stale))
        let remaining = Set(try admin.query("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'").rows.compactMap { $0["datname"] })
        #expect(!remaining.contains(stale))
        for kept in [connected, running, otherHost, later, legacy] {
            #expect(remaining.contains(kept), "\(kept) was dropped")
        }
        #expect(StaleTestDatabases.creator(of: StaleTestDatabases.newName())?.pid == getpid())
    }

    @Test("temporary folders live under this process's scratch folder; folders of finished processes are swept")
    func scratchFoldersSwept() throws {
        let folder = try TestEnvironment.temporaryDirectory()
        #expect(folder.path.hasPrefix(ScratchSpace.root.path + "/"))
        #expect(ScratchSpace.root.lastPathComponent.hasPrefix("\(getpid())-"))
        #expect(ScratchSpace.root.deletingLastPathComponent().path == ScratchSpace.parent.path)

        let parent = try TestEnvironment.temporaryDirectory()
        let deadFolder = parent.appendingPathComponent("\(try Self.deadPID())-100")
        let liveFolder = parent.appendingPathComponent("\(getpid())-100")
        for url in [deadFolder, liveFolder] {
            try FileManager.default.createDirectory(at: url.appendingPathComponent("inner"), withIntermediateDirectories: true)
        }
        ScratchSpace.sweepDeadProcesses(in: parent)
        #expect(!FileManager.default.fileExists(atPath: deadFolder.path))
        #expect(FileManager.default.fileExists(atPath: liveFolder.path))

        var removed: URL?
        try TestEnvironment.withTemporaryDirectory { url in
            removed = url
            try Data("x".utf8).write(to: url.appendingPathComponent("f"))
        }
        #expect(removed.map { !FileManager.default.fileExists(atPath: $0.path) } == true)
    }

    @Test("CLI tests run in a folder holding the repository's .env.dev and no .env.local, without the developer's own variables")
    func cliIsolated() throws {
        let folder = TestEnvironment.cliDirectory
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".env.local").path))
        let copied = try Data(contentsOf: folder.appendingPathComponent(".env.dev"))
        #expect(copied == (try Data(contentsOf: TestEnvironment.repoRoot.appendingPathComponent(".env.dev"))))
        let migrations = folder.appendingPathComponent("migrations")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: migrations.path)) == nil,
                "migrations must be a copy, not a link into the repository")
        #expect(try FileManager.default.contentsOfDirectory(atPath: migrations.path).sorted()
                == (try FileManager.default.contentsOfDirectory(atPath: TestEnvironment.migrationsDirectory.path).sorted()))
        let settings = Settings(environment: [:], directory: folder)
        #expect(settings.values == Settings(environment: [:], directory: TestEnvironment.repoRoot, files: [".env.dev"]).values)
        #expect(CLI.isolatedVariables.contains("DATABASE_URL") && CLI.isolatedVariables.contains("STRIPE_SECRET_KEY"))
        // The CLI reads its settings there: migrate status without --database-url uses .env.dev's
        // TEST_DATABASE_URL with --test, which the tests set to their own server.
        let status = try CLI.run(["migrate", "status", "--test", "--migrations-dir", TestEnvironment.migrationsDirectory.path])
        #expect(!status.stderr.contains("is not set"), "\(status.stderr)")
    }
}
