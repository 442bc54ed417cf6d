import Foundation
import Postgres
import PureTestSupport

/// Names test databases after the process that creates them, `t_<host>_<pid>_<start>_<random>`,
/// and drops the ones a killed run left behind.
///
/// Safe when several test runs share a server: a database is dropped only when it was made on
/// this machine by a process that is no longer running and that started before this one, and
/// nobody is connected to it (the drop is not forced, so a connection that arrives meanwhile
/// makes it fail harmlessly). Databases of other machines, of running processes, and of the
/// older naming scheme (`t_` and 20 hex digits) are never touched.
public enum StaleTestDatabases {
    /// Runs the sweep once per process, before the first test database is created.
    public static let sweptOnce: [String] = TestEnvironment.testDatabaseURL.flatMap { try? sweep(serverURL: $0) } ?? []

    /// A new database name for this process.
    public static func newName() -> String {
        let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(8)
        return "t_\(TestProcess.hostTag)_\(getpid())_\(TestProcess.startTime)_\(random)"
    }

    /// The creator of a database named by `newName()`: host tag, process id and start time.
    public static func creator(of name: String) -> (host: String, pid: Int32, start: Int)? {
        let parts = name.split(separator: "_")
        guard parts.count == 5, parts[0] == "t", let pid = Int32(parts[2]), let start = Int(parts[3]) else { return nil }
        return (String(parts[1]), pid, start)
    }

    /// True when the database `name` is a leftover of a finished run on this machine.
    public static func isStale(_ name: String) -> Bool {
        guard let creator = creator(of: name) else { return false }
        return creator.host == TestProcess.hostTag && creator.pid != getpid()
            && creator.start <= TestProcess.startTime && !TestProcess.isRunning(creator.pid)
    }

    /// Drops the stale test databases without connections on the server at `serverURL`; returns
    /// the names dropped.
    @discardableResult
    public static func sweep(serverURL: String) throws -> [String] {
        let admin = try PGConnection(url: serverURL)
        defer { admin.close() }
        let idle = try admin.query("""
            SELECT d.datname FROM pg_database d
            WHERE d.datname LIKE 't\\_%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
            """).rows.compactMap { $0["datname"] }
        var dropped: [String] = []
        for name in idle where isStale(name) {
            guard (try? admin.query("DROP DATABASE IF EXISTS \(name)")) != nil else { continue }
            dropped.append(name)
        }
        return dropped
    }
}
