import Foundation

/// A self-overwriting status line on standard error, shown only when it is a terminal.
final class ProgressLine {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastDraw = Date.distantPast
    private var started = Date()
    private var shown = false

    func update(_ text: String) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(started)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text) (\(String(format: "%.1f", elapsed))s)".utf8))
        shown = true
    }

    func clear() {
        guard enabled, shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
        started = Date()
    }
}
