import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Dumps built to hurt the loader (a list envelope in disguise, a huge object, a FIFO), a
/// session that holds a table, and runs left `running` by a kill.
@Suite("Ingest: hostile files, held locks and interrupted runs", .needsDatabase)
struct IngestHostileInputTests {
    /// A copy of the sample dump folder, to replace files in.
    private static func sampleCopy() throws -> URL {
        let folder = try TestEnvironment.temporaryDirectory().appendingPathComponent("dumps")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: IngestFixtures.sampleDirectory), to: folder)
        return folder
    }

    /// Runs `fallback` after `seconds` unless `cancel` was called first: keeps a test that would
    /// otherwise wait forever from hanging (it then fails on its assertions instead).
    private final class Watchdog: @unchecked Sendable {
        private let condition = NSCondition()
        private var cancelled = false

        init(after seconds: Double, _ fallback: @escaping @Sendable () -> Void) {
            let thread = Thread { [self] in
                condition.lock()
                let deadline = Date().addingTimeInterval(seconds)
                while !cancelled && condition.wait(until: deadline) {}
                let fire = !cancelled
                condition.unlock()
                if fire { fallback() }
            }
            thread.start()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }

    @Test("an NDJSON object with a top-level data array loads as itself; the objects inside it do not load")
    func dataArrayObjectLoadsWhole() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let file = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_A","object":"customer","data":[{"id":"cus_B","object":"customer"}]}"#,
                #"{"id":"cus_C","object":"customer"}"#,
            ])
            let summary = try IngestFixtures.load(.customers, file, on: connection)
            #expect(summary.inserted == 2, "\(summary)")
            let ids = try connection.query("SELECT id FROM stripe.customers ORDER BY id").rows.compactMap { $0["id"] }
            #expect(ids == ["cus_A", "cus_C"])
        }
    }

    @Test("a 5 MiB object in a .json.gz over a 1 MiB limit is rejected with file, offset, line and id; the rest of the file loads")
    func oversizedObjectRejected() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let big = #"{"id":"cus_big","object":"customer","description":""# + String(repeating: "y", count: 5 << 20) + #""}"#
            let folder = try TestEnvironment.temporaryDirectory()
            let plain = try IngestFixtures.ndjson("customers.ndjson", [#"{"id":"cus_1","object":"customer"}"#, big, #"{"id":"cus_2","object":"customer"}"#], in: folder)
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            gzip.arguments = ["gzip", "-f", plain]
            try gzip.run()
            gzip.waitUntilExit()
            let file = plain + ".gz"
            let result = try CLI.run(["ingest", "customers", "--file", file, "--max-object-size", "1MiB", "--database-url", db.url])
            #expect(result.status == 1)
            #expect(result.stderr.contains("1 object(s) rejected"), "\(result.stderr)")
            let ids = try connection.query("SELECT id FROM stripe.customers ORDER BY id").rows.compactMap { $0["id"] }
            #expect(ids == ["cus_1", "cus_2"])
            let reject = try #require(try connection.query(
                "SELECT object_id, reason, line, byte_offset, file, length(raw_text) AS kept FROM stripe_oltp.ingest_rejects").first)
            let offset = #"{"id":"cus_1","object":"customer"}"#.utf8.count + 1
            #expect(reject["object_id"] == "cus_big")
            #expect(reject["line"] == "2")
            #expect(reject["byte_offset"] == String(offset))
            #expect(reject["file"] == file)
            #expect(reject["reason"]?.contains("at byte \(offset) (line 2) is \(big.utf8.count) bytes, over the limit of \(1 << 20) bytes") == true,
                    "\(reject["reason"] ?? "")")
            #expect(Int(reject["kept"] ?? "") ?? 0 <= 4096)
        }
    }

    @Test("a FIFO as a dump file fails its resource at once, naming the file; the other resources load, and check refuses it")
    func fifoDumpFile() throws {
        let folder = try Self.sampleCopy()
        let fifo = folder.appendingPathComponent("customers.json").path
        try FileManager.default.removeItem(atPath: fifo)
        #expect(mkfifo(fifo, 0o600) == 0)
        // Should a reader block on the FIFO anyway, a writer comes and goes, so the test fails instead of hanging.
        let watchdog = Watchdog(after: 60) {
            let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
        }
        defer { watchdog.cancel() }
        try TestDatabase.with { db in
            let result = try CLI.run(["ingest", "all", "--dir", folder.path, "--database-url", db.url])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(fifo): is a FIFO (named pipe), not a regular file"), "\(result.stderr)")
            let connection = try db.connect()
            #expect(try connection.query("SELECT count(*) FROM stripe.products").scalar(Int.self) ?? 0 > 0)
            #expect(try connection.query("SELECT count(*) FROM stripe.customers WHERE NOT is_placeholder AND NOT is_embedded").scalar(Int.self) == 0)

            let check = try CLI.run(["check", "--dir", folder.path, "--database-url", db.url])
            #expect(check.status == 2)
            #expect(check.stderr.contains("\(fifo): is a FIFO (named pipe), not a regular file"), "\(check.stderr)")
        }
    }

    @Test("a session holding a table makes the first load give up its exclusive locks after the lock timeout and load the usual way")
    func lockTimeoutOnFirstLoad() throws {
        try TestDatabase.with { db in
            let holder = try db.connect()
            try holder.query("BEGIN")
            try holder.query("LOCK TABLE stripe.customers IN ACCESS SHARE MODE")
            let holderPID = try holder.query("SELECT pg_backend_pid()").scalar(Int.self) ?? 0
            // Should the run wait for the lock anyway, the holder is ended, so the test fails instead of hanging.
            let url = db.url
            let watchdog = Watchdog(after: 60) {
                _ = try? PGConnection(url: url).query("SELECT pg_terminate_backend($1)", [holderPID])
            }
            defer { watchdog.cancel() }
            let connection = try db.connect()
            let report = try Ingester(connection: connection, lockTimeout: 0.2)
                .run(Ingester.inputs(directory: try DumpDirectory(path: IngestFixtures.sampleDirectory)), source: "sample")
            #expect(report.succeeded, "\(report.resources)")
            #expect(report.fastPathSkipped?.contains("lock timeout") == true, "\(report.fastPathSkipped ?? "nil")")
            #expect(try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) ?? 0 > 0)
            // The holder kept its lock throughout and still works.
            #expect(try holder.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) ?? 0 > 0)
            try holder.query("COMMIT")
            // Indexes and foreign keys are all in place (the fast path, which drops them, was not taken).
            let foreignKeys = try connection.query(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'stripe'::regnamespace").scalar(Int.self)
            #expect(foreignKeys ?? 0 > 0)
        }
    }

    @Test("runs left running by a kill are marked interrupted by the next run, which the CLI says")
    func interruptedRunsMarked() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            // What a killed run leaves: its row, written before its transaction, still says running.
            try connection.query("INSERT INTO stripe_oltp.ingest_runs (source) VALUES ('killed one'), ('killed two')")
            let result = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("marked 2 interrupted run(s)"), "\(result.stderr)")
            let runs = try connection.query(
                "SELECT source, outcome, finished_at IS NOT NULL AS finished FROM stripe_oltp.ingest_runs ORDER BY id").rows
            #expect(runs.map { $0["outcome"] } == ["interrupted", "interrupted", "succeeded"])
            #expect(runs.allSatisfy { $0["finished"] == "t" })
            let again = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(!again.stderr.contains("interrupted run"), "\(again.stderr)")
        }
    }
}
