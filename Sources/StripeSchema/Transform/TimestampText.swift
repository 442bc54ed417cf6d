/// Formats Unix seconds as a PostgreSQL `timestamptz` literal in UTC, without Foundation's
/// date formatters (this runs for every timestamp of every object).
public enum TimestampText {
    /// The earliest second `timestamptz` holds: 4714-11-24 00:00:00 UTC BC (Julian day 0).
    public static let earliest: Int64 = -210_866_803_200
    /// The latest second `timestamptz` holds: 294276-12-31 23:59:59 UTC.
    public static let latest: Int64 = 9_224_318_015_999

    /// `1700000000` → `2023-11-14 22:13:20+00`; nil for a time `timestamptz` cannot hold
    /// (before `earliest` or after `latest`), so no input traps.
    public static func format(unixSeconds: Int64) -> String? {
        guard unixSeconds >= earliest && unixSeconds <= latest else { return nil }
        let days = Int(unixSeconds).floorDiv(86_400)
        let secondsOfDay = Int64(Int(unixSeconds) - days * 86_400)
        let (civilYear, civilMonth, civilDay) = CivilCalendar.civil(fromDays: days)
        let year = Int64(civilYear)
        let month = Int64(civilMonth)
        let day = Int64(civilDay)
        let hour = secondsOfDay / 3600
        let minute = (secondsOfDay % 3600) / 60
        let second = secondsOfDay % 60

        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        // PostgreSQL spells years before 1 AD with a BC suffix (year 0 is 1 BC); Stripe never
        // sends them. The year keeps four digits: PostgreSQL reads `1-12-31 BC` as 12 January 31 BC.
        appendDigits(year <= 0 ? -year + 1 : year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendDigits(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(second, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "+"))
        bytes.append(UInt8(ascii: "0"))
        bytes.append(UInt8(ascii: "0"))
        if year <= 0 { bytes.append(contentsOf: " BC".utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendDigits(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        for _ in digits.count..<max(width, digits.count) { bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: digits.reversed())
    }
}
