/// How much the commands say beyond their results: set once from `-q`/`--quiet` or
/// `-v`/`--verbose` before the command line is parsed.
enum Verbosity: Int, Sendable {
    /// Results and errors only: no notes, no progress line.
    case quiet
    /// Results, errors, notes and the progress line.
    case normal
    /// Also the details: settings in use, databases connected to.
    case verbose

    /// The level in force (written only by ``take(from:)`` at start-up).
    nonisolated(unsafe) static var current = Verbosity.normal

    /// Removes every `-q`/`--quiet`/`-v`/`--verbose` from `arguments` (before a `--`), sets
    /// ``current`` from the last one, and returns the rest.
    static func take(from arguments: [String]) -> [String] {
        var rest: [String] = []
        var passThrough = false
        for argument in arguments {
            if passThrough || argument == "--" {
                passThrough = true
                rest.append(argument)
                continue
            }
            switch argument {
            case "-q", "--quiet": current = .quiet
            case "-v", "--verbose": current = .verbose
            default: rest.append(argument)
            }
        }
        return rest
    }
}
