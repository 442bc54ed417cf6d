import Logging

/// Writes log lines for people on standard error, as the commands always have:
/// `stripe-oltp: note: …` (notice), `stripe-oltp: detail: …` (info, debug),
/// `stripe-oltp: warning: …`, and `stripe-oltp: …` for errors. With `showsMetadata` (under
/// `--verbose`) the metadata follows in brackets, `[resource=customers run_id=12]`.
struct TextLogHandler: LogHandler {
    /// Lowest level written.
    var logLevel: Logger.Level
    /// The logger's own metadata.
    var metadata: Logger.Metadata = [:]
    /// Whether the metadata is written after the message.
    var showsMetadata: Bool

    /// A handler writing from `level` up.
    init(level: Logger.Level, showsMetadata: Bool) {
        logLevel = level
        self.showsMetadata = showsMetadata
    }

    /// One metadata value.
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` as one line.
    func log(event: LogEvent) {
        StandardError.shared.write(line: Self.render(event, metadata: metadata, showsMetadata: showsMetadata))
    }

    /// The line for `event`, the handler's `metadata` under the event's own.
    static func render(_ event: LogEvent, metadata: Logger.Metadata, showsMetadata: Bool) -> String {
        let prefix: String
        switch event.level {
        case .trace, .debug, .info: prefix = "stripe-oltp: detail: "
        case .notice: prefix = "stripe-oltp: note: "
        case .warning: prefix = "stripe-oltp: warning: "
        case .error, .critical: prefix = "stripe-oltp: "
        }
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        guard showsMetadata, !merged.isEmpty else { return prefix + event.message.description }
        let pairs = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }.joined(separator: " ")
        return prefix + event.message.description + " [\(pairs)]"
    }
}
