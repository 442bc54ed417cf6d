import Foundation
import Logging
import StripeJSON
import StripeOLTP

/// Shows how far a long command has come. On a terminal (standard error, text logs) a live bar
/// with the rate and, when the total is known, the percentage and ETA, redrawn at most four
/// times a second; otherwise a plain `progress: …` line logged at `notice` every
/// `PROGRESS_INTERVAL` seconds (default 10; the first one that long after the start). Nothing
/// under `--quiet`.
final class ProgressRenderer: @unchecked Sendable {
    /// Seconds between plain lines when `PROGRESS_INTERVAL` does not say.
    static let defaultInterval = 10.0
    /// Characters inside the bar's brackets.
    static let barWidth = 24

    private let enabled: Bool
    private let drawsBar: Bool
    private let interval: Double
    private let lock = NSLock()
    private var stage: String?
    private var stageStarted = Date()
    private var lastDraw = Date.distantPast
    private var lastLine = Date()

    /// A renderer drawing a bar when `terminal`, else plain lines every `interval` seconds.
    init(terminal: Bool = StandardError.shared.isTerminal && CLILog.format == .text,
         interval: Double = ProgressRenderer.configuredInterval()) {
        enabled = Verbosity.current != .quiet
        drawsBar = terminal
        self.interval = interval
    }

    /// `PROGRESS_INTERVAL` (environment or `.env.*`) in seconds, else ``defaultInterval``.
    static func configuredInterval() -> Double {
        Settings()["PROGRESS_INTERVAL"].flatMap(Double.init).map { max(0, $0) } ?? defaultInterval
    }

    /// Takes in one snapshot (from any thread) and shows it when it is time to.
    func update(_ progress: WorkProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if progress.stage != stage {
            stage = progress.stage
            stageStarted = now
        }
        let seconds = max(now.timeIntervalSince(stageStarted), 0.001)
        if drawsBar {
            guard now.timeIntervalSince(lastDraw) >= 0.25 || progress.done == progress.total else { return }
            lastDraw = now
            StandardError.shared.show(bar: Self.bar(progress, seconds: seconds))
        } else if now.timeIntervalSince(lastLine) >= interval {
            lastLine = now
            CLILog.logger.notice("\(Self.line(progress, seconds: seconds))", metadata: Self.metadata(progress))
        }
    }

    /// Erases the bar (before the command prints its results).
    func finish() {
        guard enabled, drawsBar else { return }
        StandardError.shared.clearBar()
    }

    /// `customers [#########---------------]  38%  1.1 MB of 2.9 MB  3.2 MB/s  ETA 1 s  (1200 objects)`;
    /// without a total, `fetch  1234 objects  56 objects/s  2.3 s  (…)`.
    static func bar(_ progress: WorkProgress, seconds: Double) -> String {
        let rate = Double(progress.done) / seconds
        var parts = [progress.stage]
        if let fraction = progress.fraction, let total = progress.total {
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]")
            parts.append(String(format: "%3d%%", Int((fraction * 100).rounded(.down))))
            parts.append("\(amount(progress.done, progress.unit)) of \(amount(total, progress.unit))")
            parts.append(rateText(rate, progress.unit))
            parts.append("ETA " + eta(remaining: total - progress.done, rate: rate))
        } else {
            parts.append(amount(progress.done, progress.unit))
            parts.append(rateText(rate, progress.unit))
            parts.append(String(format: "%.1f s", seconds))
        }
        if let detail = progress.detail { parts.append("(\(detail))") }
        return parts.joined(separator: "  ")
    }

    /// `progress: customers 38%, 1.1 MB of 2.9 MB, 3.2 MB/s, ETA 1 s (1200 objects)`.
    static func line(_ progress: WorkProgress, seconds: Double) -> String {
        let rate = Double(progress.done) / seconds
        var parts: [String] = []
        if let fraction = progress.fraction, let total = progress.total {
            parts = ["\(Int((fraction * 100).rounded(.down)))%", "\(amount(progress.done, progress.unit)) of \(amount(total, progress.unit))",
                     rateText(rate, progress.unit), "ETA " + eta(remaining: total - progress.done, rate: rate)]
        } else {
            parts = [amount(progress.done, progress.unit), rateText(rate, progress.unit), String(format: "%.1f s", seconds)]
        }
        return "progress: \(progress.stage) " + parts.joined(separator: ", ") + (progress.detail.map { " (\($0))" } ?? "")
    }

    /// The snapshot as log metadata: stage, done, total, unit.
    private static func metadata(_ progress: WorkProgress) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["stage": "\(progress.stage)", "done": "\(progress.done)", "unit": "\(progress.unit.rawValue)"]
        if let total = progress.total { metadata["total"] = "\(total)" }
        return metadata
    }

    private static func amount(_ count: Int, _ unit: ProgressUnit) -> String {
        unit == .bytes ? String(format: "%.1f MB", Double(count) / 1_000_000) : "\(count) \(unit.rawValue)"
    }

    private static func rateText(_ rate: Double, _ unit: ProgressUnit) -> String {
        unit == .bytes ? String(format: "%.1f MB/s", rate / 1_000_000) : String(format: "%.0f \(unit.rawValue)/s", rate)
    }

    private static func eta(remaining: Int, rate: Double) -> String {
        guard rate > 0 else { return "?" }
        let seconds = Int((Double(max(0, remaining)) / rate).rounded(.up))
        return seconds >= 60 ? "\(seconds / 60) min \(seconds % 60) s" : "\(seconds) s"
    }
}
