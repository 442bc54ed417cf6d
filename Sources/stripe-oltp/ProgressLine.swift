import Foundation

/// A self-overwriting status line on standard error, shown only when it is a terminal (and not under `--quiet`).
final class ProgressLine: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1 && Verbosity.current != .quiet
    private var lastDraw = Date.distantPast
    private var started = Date()
    private var shown = false

    /// Shows `label: N objects, R objects/s (T s)`, at most four times a second.
    func update(_ label: String, objects: Int) {
        guard enabled else { return }
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Int(Double(objects) / elapsed)
        show("\(label): \(objects) objects, \(rate) objects/s (\(String(format: "%.1f", elapsed)) s)")
    }

    /// Shows `text` as it is, at most four times a second.
    func show(_ text: String) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = now
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        shown = true
    }

    /// Erases the line and restarts the clock for the next label.
    func clear() {
        guard enabled, shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
        started = Date()
    }
}
