/// A fast, strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Hand-written recursive descent: strings without escapes are made from their byte slice in
/// one step, escapes (including `\uXXXX` surrogate pairs) are decoded into a reused scratch
/// buffer, UTF-8 inside strings is validated, control characters inside strings, trailing data
/// and nesting deeper than `maximumDepth` are rejected. Numbers keep their source text.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 512

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var position = 0
    private var depth = 0
    private var scratch: [UInt8] = []

    private init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Parses one JSON value filling all of `bytes` (surrounding whitespace allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        guard let start = bytes.baseAddress, bytes.count > 0 else {
            throw JSONParseError(offset: 0, reason: "unexpected end of input: expected a value")
        }
        var parser = JSONParser(base: start.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        return try parser.parseDocument()
    }

    /// Parses one JSON value filling all of `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses one JSON value filling all of `text`.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    // MARK: - Structure

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < count {
            throw failure(at: position, "unexpected \(describe(base[position])) after the JSON value")
        }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < count else {
            throw failure(at: position, "unexpected end of input: expected a value")
        }
        switch base[position] {
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case let byte:
            throw failure(at: position, "unexpected \(describe(byte)): expected a value")
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw failure(at: position, "nesting deeper than \(JSONParser.maximumDepth) levels")
        }
        position += 1
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if position < count, base[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject(members))
        }
        while true {
            guard position < count else {
                throw failure(at: position, "unexpected end of input: expected a member name")
            }
            guard base[position] == UInt8(ascii: "\"") else {
                throw failure(at: position, "unexpected \(describe(base[position])): expected a member name string")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < count else {
                throw failure(at: position, "unexpected end of input: expected ':' after a member name")
            }
            guard base[position] == UInt8(ascii: ":") else {
                throw failure(at: position, "unexpected \(describe(base[position])): expected ':' after a member name")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            members.append((key: key, value: value))
            guard try consumeSeparator(closing: UInt8(ascii: "}"), in: "an object", after: "an object member") else { break }
        }
        depth -= 1
        return .object(JSONObject(members))
    }

    /// After a member or element: consumes `,` and the whitespace after it (true: another
    /// follows) or the container's closing byte (false); anything else is an error.
    @inline(__always)
    private mutating func consumeSeparator(closing: UInt8, in container: String, after item: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        let expected = "',' or '\(Character(Unicode.Scalar(closing)))'"
        guard position < count else {
            throw failure(at: position, "unexpected end of input: expected \(expected) in \(container)")
        }
        let byte = base[position]
        if byte == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            return true
        }
        if byte == closing {
            position += 1
            return false
        }
        throw failure(at: position, "unexpected \(describe(byte)): expected \(expected) after \(item)")
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < count, base[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            guard try consumeSeparator(closing: UInt8(ascii: "]"), in: "an array", after: "an array element") else { break }
        }
        depth -= 1
        return .array(elements)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < count {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for index in 0..<length {
            guard position + index < count, base[position + index] == expected[index] else {
                throw failure(at: position, "invalid literal: expected '\(literal)'")
            }
        }
        position += length
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        var index = position
        if base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count, isDigit(base[index]) else {
            throw failure(at: index, "invalid number: expected a digit")
        }
        if base[index] == UInt8(ascii: "0") {
            index += 1
            if index < count, isDigit(base[index]) {
                throw failure(at: start, "invalid number: leading zeros are not allowed")
            }
        } else {
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] == UInt8(ascii: ".") {
            index += 1
            guard index < count, isDigit(base[index]) else {
                throw failure(at: index, "invalid number: expected a digit after '.'")
            }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(base[index]) else {
                throw failure(at: index, "invalid number: expected a digit in the exponent")
            }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        position = index
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        return JSONNumber(uncheckedText: text)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: - Strings

    /// Parses the string whose opening quote is at `position`.
    private mutating func parseString() throws(JSONParseError) -> String {
        let open = position
        var index = open + 1
        while true {
            index = nextSpecialStringByte(from: index)
            guard index < count else { break }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return String(decoding: UnsafeBufferPointer(start: base + open + 1, count: index - open - 1), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(open: open, firstEscape: index)
            }
            if byte < 0x20 {
                throw failure(at: index, "unescaped control character \(describe(byte)) in a string")
            }
            if byte < 0x80 {
                index += 1
            } else {
                index = try skipUTF8Sequence(at: index)
            }
        }
        throw failure(at: count, "unexpected end of input: unterminated string starting at byte \(open)")
    }

    /// The slow path of `parseString` once an escape is seen: decodes into `scratch`.
    private mutating func parseEscapedString(open: Int, firstEscape: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = open + 1
        var index = firstEscape
        while true {
            index = nextSpecialStringByte(from: index)
            guard index < count else { break }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                appendRun(from: runStart, to: index)
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                appendRun(from: runStart, to: index)
                index = try decodeEscape(at: index)
                runStart = index
                continue
            }
            if byte < 0x20 {
                throw failure(at: index, "unescaped control character \(describe(byte)) in a string")
            }
            if byte < 0x80 {
                index += 1
            } else {
                index = try skipUTF8Sequence(at: index)
            }
        }
        throw failure(at: count, "unexpected end of input: unterminated string starting at byte \(open)")
    }

    /// The index of the first byte at or after `index` that a string scan must look at — `"`,
    /// `\\`, a control character or a non-ASCII byte — or `count` when there is none. Checks
    /// eight bytes at a time.
    @inline(__always)
    private func nextSpecialStringByte(from start: Int) -> Int {
        var index = start
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let high: UInt64 = 0x8080_8080_8080_8080
        while index &+ 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let quote = word ^ 0x2222_2222_2222_2222
            let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let isQuote = ~(((quote & low) &+ low) | quote | low)
            let isBackslash = ~(((backslash & low) &+ low) | backslash | low)
            let isControl = ~((word & low) &+ 0x6060_6060_6060_6060) & high
            let found = isQuote | isBackslash | isControl | (word & high)
            if found != 0 { return index &+ (found.trailingZeroBitCount &>> 3) }
            index &+= 8
        }
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return index }
            index &+= 1
        }
        return count
    }

    @inline(__always)
    private mutating func appendRun(from start: Int, to end: Int) {
        if end > start {
            scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
        }
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`; returns the index after it.
    private mutating func decodeEscape(at index: Int) throws(JSONParseError) -> Int {
        guard index + 1 < count else {
            throw failure(at: count, "unexpected end of input: unterminated escape in a string")
        }
        let decoded: UInt8
        switch base[index + 1] {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            return try decodeUnicodeEscape(at: index)
        case let other:
            throw failure(at: index, "invalid escape '\\\(describeBare(other))' in a string")
        }
        scratch.append(decoded)
        return index + 2
    }

    /// Decodes `\uXXXX` (or a `\uD8xx\uDCxx` surrogate pair) at `index`.
    private mutating func decodeUnicodeEscape(at index: Int) throws(JSONParseError) -> Int {
        let first = try hex4(at: index + 2, escapeAt: index)
        var scalar = first
        var next = index + 6
        if first >= 0xD800 && first <= 0xDBFF {
            guard next + 1 < count, base[next] == UInt8(ascii: "\\"), base[next + 1] == UInt8(ascii: "u") else {
                throw failure(at: index, "unpaired high surrogate \\u\(hexText(first)) in a string")
            }
            let second = try hex4(at: next + 2, escapeAt: next)
            guard second >= 0xDC00 && second <= 0xDFFF else {
                throw failure(at: index, "unpaired high surrogate \\u\(hexText(first)) in a string")
            }
            scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            next += 6
        } else if first >= 0xDC00 && first <= 0xDFFF {
            throw failure(at: index, "unpaired low surrogate \\u\(hexText(first)) in a string")
        }
        if scalar < 0x80 {
            scratch.append(UInt8(scalar))
        } else if scalar < 0x800 {
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        } else if scalar < 0x10000 {
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
        return next
    }

    private func hex4(at index: Int, escapeAt escape: Int) throws(JSONParseError) -> UInt32 {
        guard index + 4 <= count else {
            throw failure(at: count, "unexpected end of input: incomplete \\u escape in a string")
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = base[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw failure(at: index + offset, "invalid \\u escape: \(describe(byte)) is not a hex digit")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func hexText(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Checks the multi-byte UTF-8 sequence starting at `index` (RFC 3629: no overlong forms,
    /// no surrogates, nothing above U+10FFFF); returns the index after it.
    private func skipUTF8Sequence(at index: Int) throws(JSONParseError) -> Int {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0...0xEF:
            length = 3
            if lead == 0xE0 { low = 0xA0 }
            if lead == 0xED { high = 0x9F }
        case 0xF0...0xF4:
            length = 4
            if lead == 0xF0 { low = 0x90 }
            if lead == 0xF4 { high = 0x8F }
        default:
            throw failure(at: index, "invalid UTF-8 in a string (byte 0x\(String(lead, radix: 16, uppercase: true)))")
        }
        guard index + length <= count else {
            throw failure(at: index, "invalid UTF-8 in a string (truncated sequence)")
        }
        let second = base[index + 1]
        guard second >= low && second <= high else {
            throw failure(at: index, "invalid UTF-8 in a string")
        }
        for offset in 2..<max(2, length) where base[index + offset] & 0xC0 != 0x80 {
            throw failure(at: index, "invalid UTF-8 in a string")
        }
        return index + length
    }

    // MARK: - Errors

    private func failure(at offset: Int, _ reason: String) -> JSONParseError {
        JSONParseError(offset: offset, reason: reason)
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(describeBare(byte))'" }
        return "byte 0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))"
    }

    private func describeBare(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
        return "\\x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))"
    }
}
