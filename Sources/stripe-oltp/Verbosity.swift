import Logging

/// How much the commands say beyond their results: set once from `-q`/`--quiet` or
/// `-v`/`--verbose` (``GlobalOptions``) before the command line is parsed.
enum Verbosity: Int, Sendable {
    /// Results and errors only: no notes, no progress line.
    case quiet
    /// Results, errors, notes and the progress line.
    case normal
    /// Also the details: settings in use, databases connected to, each resource's outcome.
    case verbose

    /// The level in force (written only by ``GlobalOptions/take(from:)`` at start-up).
    nonisolated(unsafe) static var current = Verbosity.normal

    /// The lowest log level shown: `error` when quiet, `notice` normally, `debug` when verbose.
    var logLevel: Logger.Level {
        switch self {
        case .quiet: .error
        case .normal: .notice
        case .verbose: .debug
        }
    }
}
