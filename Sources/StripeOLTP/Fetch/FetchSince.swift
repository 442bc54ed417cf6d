import Foundation
import StripeJSON

/// Parses the `--since` forms: a relative age (`7d`, `12h`, `30m`, `90s`), a date (`2026-01-31`,
/// midnight UTC), a UTC date-time (`2026-01-31T08:00:00Z`) or unix seconds.
public enum FetchSince {
    /// The unix time `text` stands for, relative ages counted back from `now`.
    public static func parse(_ text: String, now: Int) throws -> Int {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let unit = value.last, "smhdw".contains(unit), let count = Int(value.dropLast()), count >= 0 {
            let seconds = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800][String(unit)]!
            return now - count * seconds
        }
        if value.count >= 9, value.allSatisfy(\.isNumber), let seconds = Int(value) { return seconds }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = value.contains("T") ? [.withInternetDateTime] : [.withFullDate]
        if let date = formatter.date(from: value) { return Int(date.timeIntervalSince1970) }
        throw LoaderError.usage("--since '\(text)' is not a date (2026-01-31), a UTC time (2026-01-31T08:00:00Z), unix seconds or an age (7d, 12h, 30m)")
    }
}
