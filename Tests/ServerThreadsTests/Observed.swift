import Foundation

/// A value a server body records on its own thread and the test reads afterwards.
final class Observed<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    /// Records `value`.
    func set(_ value: Value) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    /// The recorded value, nil when none was.
    var value: Value? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
