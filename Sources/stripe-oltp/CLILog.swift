import Logging
import StripeOLTP

/// The command line's logging: handlers chosen by `--log-format`, at the level `-q`/`-v` set,
/// secrets masked at the handler, and the run id every line and telemetry event of this
/// invocation carries (`run_id`; an ingest's lines carry its `ingest_runs` id once it has one).
enum CLILog {
    /// This invocation's run id (the telemetry of fetch, check and populate uses it too).
    static let runID = EventLog.newRunID()

    /// The logger of the command line itself, with `run_id` in its metadata.
    nonisolated(unsafe) static var logger = Logger.silent("stripe-oltp")

    /// The log format in force (`--log-format`); a progress bar is drawn only with `text`.
    nonisolated(unsafe) static var format = LogFormat.text

    /// Sets up swift-log once, at start-up: text or JSON lines on standard error, masked.
    static func bootstrap(_ options: GlobalOptions) {
        let level = Verbosity.current.logLevel
        let format = options.logFormat
        CLILog.format = format
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                RedactingLogHandler(wrapping: TextLogHandler(level: level, showsMetadata: Verbosity.current == .verbose))
            case .json:
                RedactingLogHandler(wrapping: JSONLogHandler(label: label, level: level))
            }
        }
        logger = Logger(label: "stripe-oltp")
        logger[metadataKey: "run_id"] = "\(runID)"
    }

    /// A logger for one part of the library (`stripe-oltp.ingest`, …), with this run's id.
    static func logger(_ part: String) -> Logger {
        var logger = Logger(label: "stripe-oltp.\(part)")
        logger[metadataKey: "run_id"] = "\(runID)"
        return logger
    }
}
