import Foundation

/// Standard error, shared by the log handlers and the live progress bar: a line written while
/// the bar shows erases it first and draws it again after, so the two never garble each other.
final class StandardError: @unchecked Sendable {
    /// The process's one standard error.
    static let shared = StandardError()

    /// Whether standard error is a terminal (then progress is a bar, else plain lines).
    let isTerminal = isatty(STDERR_FILENO) == 1

    private let lock = NSLock()
    private var bar: String?

    /// Writes `line` and a newline, keeping the bar (if shown) below it.
    func write(line: String) {
        lock.lock()
        defer { lock.unlock() }
        let erase = bar == nil ? "" : "\r\u{1B}[K"
        emit(erase + line + "\n" + (bar ?? ""))
    }

    /// Shows `text` as the bar, in place of the previous one.
    func show(bar text: String) {
        lock.lock()
        defer { lock.unlock() }
        bar = text
        emit("\r\u{1B}[K" + text)
    }

    /// Erases the bar, if shown.
    func clearBar() {
        lock.lock()
        defer { lock.unlock() }
        guard bar != nil else { return }
        bar = nil
        emit("\r\u{1B}[K")
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
