/// A Swift type that can be read from a result column's text form.
public protocol PGDecodable {
    /// Parses PostgreSQL's text output for this type; `nil` when the text does not fit.
    init?(pgText: String)
}

extension String: PGDecodable {
    /// The text itself.
    public init?(pgText: String) { self = pgText }
}

extension Int: PGDecodable {
    /// A decimal integer.
    public init?(pgText: String) { self.init(pgText, radix: 10) }
}

extension Int64: PGDecodable {
    /// A decimal integer.
    public init?(pgText: String) { self.init(pgText, radix: 10) }
}

extension Int32: PGDecodable {
    /// A decimal integer.
    public init?(pgText: String) { self.init(pgText, radix: 10) }
}

extension Double: PGDecodable {
    /// A decimal number.
    public init?(pgText: String) { self.init(pgText) }
}

extension Bool: PGDecodable {
    /// `t`/`true` or `f`/`false`.
    public init?(pgText: String) {
        switch pgText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}
