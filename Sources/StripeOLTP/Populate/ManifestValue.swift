/// A scalar in the manifest's expected states: text, a whole number, a flag or null.
public enum ManifestValue: Codable, Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral
{
    /// Text.
    case string(String)
    /// A whole number (amounts in minor units, counts).
    case int(Int)
    /// A flag.
    case bool(Bool)
    /// No value.
    case null

    /// A string literal is text.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal is a whole number.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A boolean literal is a flag.
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// Decodes whichever scalar is present.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Encodes the scalar as plain JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .int(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .null: try container.encodeNil()
        }
    }

    /// The text, when this is text.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
