import Foundation

/// A count shared by threads working on one job (the two checkers of `check`), for progress.
public final class StepCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// A counter at zero.
    public init() {}

    /// Adds one and returns the new count.
    public func advance() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
