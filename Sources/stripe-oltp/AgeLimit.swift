import ArgumentParser

/// A length of time given on the command line: a number and a unit, `45s`, `30m`, `1h` or `2d`.
struct AgeLimit: ExpressibleByArgument, Sendable {
    /// The length in seconds.
    let seconds: Int

    /// Seconds per unit letter.
    private static let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]

    /// Parses `NUMBER` followed by `s`, `m`, `h` or `d`; nil otherwise.
    init?(argument: String) {
        guard let unit = argument.last, let scale = AgeLimit.units[unit],
              let count = Int(argument.dropLast()), count > 0, count <= 36_500 else { return nil }
        seconds = count * scale
    }
}
