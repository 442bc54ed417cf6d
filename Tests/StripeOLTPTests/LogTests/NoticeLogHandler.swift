import Logging

/// A log handler that hands every message to a ``NoticeLog``, for tests of library code that logs.
struct NoticeLogHandler: LogHandler {
    /// Where the messages go.
    let log: NoticeLog
    /// Lowest level collected.
    var logLevel: Logger.Level = .trace
    /// The logger's metadata (not collected).
    var metadata: Logger.Metadata = [:]

    /// One metadata value.
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Collects the message.
    func log(event: LogEvent) {
        log.append(event.message.description)
    }
}
