import Foundation

/// Checks and conversions of an object's original bytes.
package enum RawText {
    /// Why PostgreSQL could not store this object, if it could not: `jsonb` and `text` refuse
    /// the NUL character (`\u0000`), so such an object is rejected rather than failing the load.
    package static func unstorableContent(_ bytes: [UInt8], value: JSONValue) -> (field: String, reason: String)? {
        guard containsNULEscape(bytes) else { return nil }
        if let path = pathOfNUL(in: value, path: "") {
            return (path.isEmpty ? "(object)" : path, "contains a NUL character (\\u0000), which PostgreSQL cannot store")
        }
        return nil
    }

    /// The raw bytes as text that a `text` column accepts: invalid UTF-8 becomes U+FFFD and a
    /// NUL byte the six characters `\u0000`.
    package static func displayable(_ bytes: [UInt8]) -> String {
        storable(String(decoding: bytes, as: UTF8.self))
    }

    /// `text` as a `text` column accepts it: PostgreSQL refuses the NUL character, which becomes
    /// the six characters `\u0000` (as JSON spells it). Used for reject reasons and ids.
    package static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\\u0000") : text
    }

    /// The id of an object of which only the first bytes are known (an oversized one): the
    /// string value of its first top-level-looking `"id"` member, nil when none is found.
    package static func leadingID(_ bytes: [UInt8]) -> String? {
        let key = Array(#""id""#.utf8)
        var index = 0
        while index + key.count < bytes.count {
            guard bytes[index..<(index + key.count)].elementsEqual(key) else {
                index += 1
                continue
            }
            var cursor = index + key.count
            func skipSpace() { while cursor < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[cursor]) { cursor += 1 } }
            skipSpace()
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else { index += 1; continue }
            cursor += 1
            skipSpace()
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") else { index += 1; continue }
            let start = cursor + 1
            guard let end = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
                  bytes[end] == UInt8(ascii: "\""), end > start
            else { return nil }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return nil
    }

    /// The 1-based line of `offset` within `bytes`, counting from `startLine`.
    package static func line(of offset: Int, in bytes: [UInt8], startLine: Int) -> Int {
        var line = startLine
        for byte in bytes.prefix(max(0, min(offset, bytes.count))) where byte == 0x0a { line += 1 }
        return line
    }

    /// Whether `bytes` contain the escape `\u0000` (backslashes are rare in Stripe's JSON, so
    /// `memchr` jumps between them).
    private static func containsNULEscape(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count >= 6 else { return false }
            var index = 0
            while index + 6 <= buffer.count {
                guard let found = memchr(base + index, 0x5C, buffer.count - index - 5) else { return false }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if base[at + 1] == 0x75, base[at + 2] == 0x30, base[at + 3] == 0x30, base[at + 4] == 0x30, base[at + 5] == 0x30 {
                    return true
                }
                // Skip the escaped character too, so `\\` followed by `u0000` is not taken for an escape.
                index = at + 2
            }
            return false
        }
    }

    private static func pathOfNUL(in value: JSONValue, path: String) -> String? {
        switch value {
        case .string(let text):
            return text.utf8.contains(0) ? path : nil
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = pathOfNUL(in: element, path: path.isEmpty ? "\(index)" : "\(path).\(index)") { return found }
            }
            return nil
        case .object(let object):
            for (key, member) in object.members {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                if key.utf8.contains(0) { return memberPath }
                if let found = pathOfNUL(in: member, path: memberPath) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
