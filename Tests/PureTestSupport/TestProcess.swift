import Foundation

/// Facts about the running test process that name what it leaves behind (scratch folders, test
/// databases), so that a later run can tell its own leftovers from those of a run still going.
public enum TestProcess {
    /// When this process first asked (seconds since 1970); earlier than anything it created.
    public static let startTime: Int = Int(Date().timeIntervalSince1970)

    /// A short tag for this machine, so that runs on two machines sharing a server never sweep
    /// each other's databases: six hex digits of a hash of the host name.
    public static let hostTag: String = {
        var hash: UInt32 = 2166136261
        for byte in ProcessInfo.processInfo.hostName.utf8 { hash = (hash ^ UInt32(byte)) &* 16777619 }
        return String(String(hash, radix: 16).suffix(6)).leftPadded(to: 6)
    }()

    /// True when a process with `pid` exists on this machine (or may exist: only a definite
    /// "no such process" answers false).
    public static func isRunning(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno != ESRCH
    }
}

private extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
