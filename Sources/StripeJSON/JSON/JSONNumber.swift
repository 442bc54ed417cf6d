/// A JSON number kept as its exact source text, so no precision is lost between reading and
/// writing it back (Stripe amounts, decimal strings and large ids survive unchanged).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written in the source, e.g. `-12`, `0.5`, `1E+3`.
    public let text: String

    /// A number from JSON number text; `text` must follow the RFC 8259 number grammar.
    public init(_ text: String) {
        precondition(JSONNumber.isValid(text.utf8), "JSONNumber: '\(text)' is not JSON number text")
        self.text = text
    }

    /// A number holding `value` written in decimal.
    public init(_ value: Int64) {
        self.text = String(value)
    }

    /// A number from text the parser has already checked against the grammar.
    init(uncheckedText text: String) {
        self.text = text
    }

    /// The value as a 64-bit integer, when the text is an integer (no fraction or exponent)
    /// within the range of `Int64`; otherwise nil.
    public var int64: Int64? {
        for byte in text.utf8 where byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e") {
            return nil
        }
        return Int64(text)
    }

    /// The value as the nearest `Double`, or nil when it is too large to be finite.
    public var double: Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The source text.
    public var description: String { text }

    /// Whether `bytes` is a complete JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var byte = iterator.next()
        func isDigit(_ value: UInt8?) -> Bool {
            guard let value else { return false }
            return value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9")
        }
        if byte == UInt8(ascii: "-") { byte = iterator.next() }
        if byte == UInt8(ascii: "0") {
            byte = iterator.next()
        } else if isDigit(byte) {
            repeat { byte = iterator.next() } while isDigit(byte)
        } else {
            return false
        }
        if byte == UInt8(ascii: ".") {
            byte = iterator.next()
            guard isDigit(byte) else { return false }
            repeat { byte = iterator.next() } while isDigit(byte)
        }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = iterator.next()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = iterator.next() }
            guard isDigit(byte) else { return false }
            repeat { byte = iterator.next() } while isDigit(byte)
        }
        return byte == nil
    }
}
