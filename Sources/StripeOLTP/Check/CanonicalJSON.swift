import StripeJSON

/// Writes JSON the way PostgreSQL prints a `jsonb` value (`raw::text`), so a digest computed
/// here on a dump object equals `md5(raw::text)` computed in the database on its stored copy.
///
/// `jsonb` keeps the last of duplicate keys, orders keys by length and then byte-wise, separates
/// with `", "` and `": "`, escapes only what JSON requires, and prints numbers as `numeric` does
/// (exponents expanded, the written scale kept).
public enum CanonicalJSON {
    /// The canonical text of `value`.
    public static func text(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical bytes of `value`.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, to: &out)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let flag):
            out.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .number(let number):
            out.append(contentsOf: numericText(number.text).utf8)
        case .string(let text):
            writeString(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(contentsOf: [0x2c, 0x20]) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            // Sorted by key length, then bytes, then position; of equal keys only the last is kept.
            let sorted = object.members.indices.sorted { lhs, rhs in
                let a = object.members[lhs].key.utf8, b = object.members[rhs].key.utf8
                if a.count != b.count { return a.count < b.count }
                if a.elementsEqual(b) { return lhs < rhs }
                return a.lexicographicallyPrecedes(b)
            }
            out.append(UInt8(ascii: "{"))
            var first = true
            for (position, index) in sorted.enumerated() {
                let member = object.members[index]
                if position + 1 < sorted.count, object.members[sorted[position + 1]].key == member.key { continue }
                if !first { out.append(contentsOf: [0x2c, 0x20]) }
                first = false
                writeString(member.key, to: &out)
                out.append(contentsOf: [0x3a, 0x20])
                write(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most strings need no escape at all: copy them whole.
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5c, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5c, 0x5c])
                case 0x08: out.append(contentsOf: [0x5c, UInt8(ascii: "b")])
                case 0x0c: out.append(contentsOf: [0x5c, UInt8(ascii: "f")])
                case 0x0a: out.append(contentsOf: [0x5c, UInt8(ascii: "n")])
                case 0x0d: out.append(contentsOf: [0x5c, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5c, UInt8(ascii: "t")])
                case 0x00..<0x20:
                    out.append(contentsOf: [0x5c, UInt8(ascii: "u"), 0x30, 0x30])
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0f)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON number as PostgreSQL's `numeric` prints it: `1e2` → `100`, `1.50` → `1.50`,
    /// `-0` → `0`, `1.5E-3` → `0.0015`.
    public static func numericText(_ text: String) -> String {
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var seenDot = false
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            var exponentText = String(decoding: bytes[(e + 1)...], as: UTF8.self)
            if exponentText.hasPrefix("+") { exponentText.removeFirst() }
            exponent = Int(exponentText) ?? 0
            bytes = bytes[..<e]
        }
        for byte in bytes {
            if byte == UInt8(ascii: ".") { seenDot = true; continue }
            digits.append(byte)
            if seenDot { fractionDigits += 1 }
        }
        if exponent == 0 && !negative && !text.contains(where: { $0 == "e" || $0 == "E" }) { return text }
        // Value = digits × 10^(exponent − fractionDigits); scale as numeric keeps it.
        let shift = exponent - fractionDigits
        let scale = max(0, -shift)
        var integerDigits: [UInt8]
        var fraction: [UInt8]
        if shift >= 0 {
            integerDigits = digits + Array(repeating: UInt8(ascii: "0"), count: shift)
            fraction = []
        } else {
            let padded = Array(repeating: UInt8(ascii: "0"), count: max(0, scale - digits.count + 1)) + digits
            integerDigits = Array(padded[..<(padded.count - scale)])
            fraction = Array(padded[(padded.count - scale)...])
        }
        while integerDigits.count > 1 && integerDigits.first == UInt8(ascii: "0") { integerDigits.removeFirst() }
        if integerDigits.isEmpty { integerDigits = [UInt8(ascii: "0")] }
        let isZero = (integerDigits + fraction).allSatisfy { $0 == UInt8(ascii: "0") }
        var result = (negative && !isZero) ? "-" : ""
        result += String(decoding: integerDigits, as: UTF8.self)
        if !fraction.isEmpty { result += "." + String(decoding: fraction, as: UTF8.self) }
        return result
    }
}
