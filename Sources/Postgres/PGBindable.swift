import Foundation

/// A Swift value that can be sent as a `$N` statement parameter, in PostgreSQL's text format.
/// `nil` (through `Optional`) is sent as SQL NULL.
public protocol PGBindable {
    /// The parameter's text form, or `nil` for SQL NULL.
    var pgText: String? { get }
}

extension String: PGBindable {
    /// The string itself.
    public var pgText: String? { self }
}

extension Substring: PGBindable {
    /// The substring as a string.
    public var pgText: String? { String(self) }
}

extension Int: PGBindable {
    /// The decimal form.
    public var pgText: String? { String(self) }
}

extension Int32: PGBindable {
    /// The decimal form.
    public var pgText: String? { String(self) }
}

extension Int64: PGBindable {
    /// The decimal form.
    public var pgText: String? { String(self) }
}

extension Double: PGBindable {
    /// The shortest round-tripping decimal form.
    public var pgText: String? { String(self) }
}

extension Bool: PGBindable {
    /// `t` or `f`.
    public var pgText: String? { self ? "t" : "f" }
}

extension Date: PGBindable {
    /// Seconds since 1970 in UTC, as a timestamptz literal.
    public var pgText: String? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: self)
    }
}

extension Array: PGBindable where Element == UInt8 {
    /// The bytea hex form (`\x…`).
    public var pgText: String? { PGBytes.hex(self) }
}

extension Optional: PGBindable where Wrapped: PGBindable {
    /// The wrapped value's text, or `nil` for SQL NULL.
    public var pgText: String? {
        switch self {
        case .none: return nil
        case .some(let value): return value.pgText
        }
    }
}
