/// Calendar arithmetic on Unix timestamps (UTC), as Stripe bills: adding months keeps the
/// day of month, clamped to the month's last day.
package enum CivilCalendar {
    /// Seconds in a day.
    package static let day = 86_400

    /// `timestamp` moved forward by `months` calendar months.
    package static func addMonths(_ timestamp: Int, _ months: Int) -> Int {
        let days = timestamp.floorDiv(day)
        let secondOfDay = timestamp - days * day
        let (year, month, dayOfMonth) = civil(fromDays: days)
        let total = year * 12 + (month - 1) + months
        let newYear = total.floorDiv(12)
        let newMonth = total - newYear * 12 + 1
        let clamped = min(dayOfMonth, daysInMonth(year: newYear, month: newMonth))
        return self.days(fromCivil: newYear, newMonth, clamped) * day + secondOfDay
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    package static func days(fromCivil year: Int, _ month: Int, _ dayOfMonth: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDiv(400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + dayOfMonth - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The (year, month, day) of a count of days since 1970-01-01.
    package static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    /// The number of days in a month.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Int {
    /// Division rounding toward negative infinity.
    func floorDiv(_ divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
