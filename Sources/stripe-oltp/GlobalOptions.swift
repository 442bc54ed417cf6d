import ArgumentParser

/// The options that work anywhere on the command line, before or after the command name:
/// `-q`/`--quiet`, `-v`/`--verbose` and `--log-format text|json`. They are taken off the line
/// first and parsed by ArgumentParser on their own, so a bad value gets its usual error (exit 64).
struct GlobalOptions: ParsableArguments {
    /// `-q`/`--quiet`.
    @Flag(name: .shortAndLong, help: "Print results and errors only: no notes, no progress.")
    var quiet = false

    /// `-v`/`--verbose`.
    @Flag(name: .shortAndLong, help: "Also print details: the settings in use, each resource's outcome.")
    var verbose = false

    /// `--log-format text|json`.
    @Option(name: .customLong("log-format"), help: "How notes, details and errors on standard error are written.")
    var logFormat: LogFormat = .text

    /// The option names taken off the line, and whether each is followed by a value.
    private static let names: [String: Bool] = ["-q": false, "--quiet": false, "-v": false, "--verbose": false,
                                                "--log-format": true]

    /// Splits `arguments` into the global options' words (before a `--`) and the rest.
    static func split(_ arguments: [String]) -> (global: [String], rest: [String]) {
        var global: [String] = [], rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if let takesValue = names[name] {
                global.append(argument)
                if takesValue && !argument.contains("=") && index + 1 < arguments.count {
                    index += 1
                    global.append(arguments[index])
                }
            } else {
                rest.append(argument)
            }
            index += 1
        }
        return (global, rest)
    }

    /// Parses the global options out of `arguments` (exiting with ArgumentParser's usage error
    /// on a bad one), sets ``Verbosity/current`` (the last of `-q`/`-v` wins), and returns the
    /// options and the rest of the line.
    static func take(from arguments: [String]) -> (GlobalOptions, [String]) {
        let (global, rest) = split(arguments)
        let options: GlobalOptions
        do {
            options = try parse(global)
        } catch {
            exit(withError: error)
        }
        let last = global.last { ["-q", "--quiet", "-v", "--verbose"].contains($0) }
        switch last {
        case "-q", "--quiet": Verbosity.current = .quiet
        case "-v", "--verbose": Verbosity.current = .verbose
        default: Verbosity.current = .normal
        }
        return (options, rest)
    }
}
