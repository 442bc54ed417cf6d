import Postgres

/// Rewrites a statement written for schemas `stripe` and `stripe_oltp` (every statement and
/// migration of the project is) into one for another `SchemaName`: `stripe` becomes the data
/// schema and `stripe_oltp` the bookkeeping schema wherever they name a schema.
///
/// - In SQL text (dollar-quoted bodies included) an identifier `stripe` or `stripe_oltp`, bare
///   (any case) or double-quoted (exactly so: `"Stripe"` is another name), is a schema name
///   unless it follows a dot (`x.stripe` and `x."stripe"` are columns).
/// - A string literal that is exactly such a name (`'stripe'::regnamespace`) is one too, as is
///   a qualified name inside a literal (`to_regclass('stripe_oltp.event_log')`,
///   `format('ALTER TABLE stripe.%I …')`, `stripe.to_major(…)` in a comment's text), unless the
///   name is part of a longer word or a host name (`api.stripe.com`, `stripe.com`).
/// - Comments (`--`, `/* */`) are left as they are. Bound values are never seen.
struct SchemaRewriter: PGStatementRewriter {
    /// The schema statements are rewritten for.
    let schema: SchemaName

    /// `sql` for `schema`.
    func rewrite(_ sql: String) -> String {
        guard sql.contains("stripe") || sql.contains("STRIPE") else { return sql }
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        rewriteCode(bytes, bytes.startIndex..<bytes.endIndex, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static let quote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), dollar = UInt8(ascii: "$")
    private static let dot = UInt8(ascii: "."), dash = UInt8(ascii: "-"), slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*"), newline = UInt8(ascii: "\n"), backslash = UInt8(ascii: "\\")

    /// The replacement for identifier `word`, or nil when it names neither schema; a quoted
    /// identifier (`caseSensitive`) names one only when written in lowercase.
    private func replacement(_ word: ArraySlice<UInt8>, caseSensitive: Bool = false) -> String? {
        guard word.count == 6 || word.count == 11 else { return nil }
        let text = String(decoding: word, as: UTF8.self)
        switch caseSensitive ? text : text.lowercased() {
        case "stripe": return schema.data
        case "stripe_oltp": return schema.bookkeeping
        default: return nil
        }
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte >= 0x80
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == dollar
    }

    /// Copies SQL text in `range` to `output`, rewriting schema names outside comments.
    private func rewriteCode(_ bytes: [UInt8], _ range: Range<Int>, into output: inout [UInt8]) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            let next = index + 1 < end ? bytes[index + 1] : 0
            if byte == Self.dash && next == Self.dash {
                let stop = bytes[index..<end].firstIndex(of: Self.newline) ?? end
                output += bytes[index..<stop]
                index = stop
            } else if byte == Self.slash && next == Self.star {
                let stop = Self.blockCommentEnd(bytes, from: index, end: end)
                output += bytes[index..<stop]
                index = stop
            } else if byte == Self.quote {
                let escapes = index > range.lowerBound && (bytes[index - 1] | 0x20) == UInt8(ascii: "e")
                    && (index - 1 == range.lowerBound || !Self.isIdentifierPart(bytes[index - 2]))
                let stop = Self.literalEnd(bytes, from: index, end: end, quote: Self.quote, backslashEscapes: escapes)
                let closed = stop - index >= 2 && bytes[stop - 1] == Self.quote
                output.append(Self.quote)
                rewriteLiteral(bytes[(index + 1)..<(closed ? stop - 1 : stop)], into: &output)
                if closed { output.append(Self.quote) }
                index = stop
            } else if byte == Self.doubleQuote {
                let stop = Self.literalEnd(bytes, from: index, end: end, quote: Self.doubleQuote, backslashEscapes: false)
                let afterDot = index > range.lowerBound && bytes[index - 1] == Self.dot
                if stop - index >= 2, !afterDot, let name = replacement(bytes[(index + 1)..<(stop - 1)], caseSensitive: true) {
                    output += Array("\"\(name)\"".utf8)
                } else {
                    output += bytes[index..<stop]
                }
                index = stop
            } else if byte == Self.dollar, let tagEnd = Self.dollarTagEnd(bytes, from: index, end: end),
                      index == range.lowerBound || !Self.isIdentifierPart(bytes[index - 1]) {
                let tag = bytes[index..<tagEnd]
                let bodyEnd = Self.find(tag, in: bytes, from: tagEnd, end: end) ?? end
                output += tag
                rewriteCode(bytes, tagEnd..<bodyEnd, into: &output)
                if bodyEnd < end { output += tag }
                index = min(end, bodyEnd + tag.count)
            } else if Self.isIdentifierStart(byte) {
                var stop = index + 1
                while stop < end && Self.isIdentifierPart(bytes[stop]) { stop += 1 }
                let afterDot = index > range.lowerBound && bytes[index - 1] == Self.dot
                if !afterDot, let name = replacement(bytes[index..<stop]) {
                    output += Array(name.utf8)
                } else {
                    output += bytes[index..<stop]
                }
                index = stop
            } else if byte >= 0x30 && byte <= 0x39 {
                var stop = index + 1
                while stop < end && Self.isIdentifierPart(bytes[stop]) { stop += 1 }
                output += bytes[index..<stop]
                index = stop
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    /// Copies a string literal's content, rewriting the schema names it holds (see the type's summary).
    private func rewriteLiteral(_ content: ArraySlice<UInt8>, into output: inout [UInt8]) {
        if let name = replacement(content) {
            output += Array(name.utf8)
            return
        }
        var index = content.startIndex
        while index < content.endIndex {
            let byte = content[index]
            guard Self.isIdentifierStart(byte) else {
                output.append(byte)
                index += 1
                continue
            }
            var stop = index + 1
            while stop < content.endIndex && Self.isIdentifierPart(content[stop]) { stop += 1 }
            let word = content[index..<stop]
            let precededByName = index > content.startIndex
                && (content[index - 1] == Self.dot || content[index - 1] == Self.slash || content[index - 1] == UInt8(ascii: "@"))
            if !precededByName, stop < content.endIndex, content[stop] == Self.dot, !Self.isHostName(content, dot: stop),
               let name = replacement(word) {
                output += Array(name.utf8)
            } else {
                output += word
            }
            index = stop
        }
    }

    /// True when the word after the dot at `dot` is `com` ending there: `stripe.com`, a host.
    private static func isHostName(_ content: ArraySlice<UInt8>, dot: Int) -> Bool {
        let tail = content[(dot + 1)...]
        guard tail.starts(with: Array("com".utf8)) else { return false }
        let after = dot + 4
        return after >= content.endIndex || !isIdentifierPart(content[after])
    }

    /// The index after the literal or quoted identifier opening at `start` (`''` doubles a quote).
    private static func literalEnd(_ bytes: [UInt8], from start: Int, end: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < end {
            if backslashEscapes && bytes[index] == backslash {
                index += 2
            } else if bytes[index] == quote {
                if index + 1 < end && bytes[index + 1] == quote { index += 2 } else { return index + 1 }
            } else {
                index += 1
            }
        }
        return end
    }

    /// The index after the (nesting) block comment opening at `start`.
    private static func blockCommentEnd(_ bytes: [UInt8], from start: Int, end: Int) -> Int {
        var depth = 0
        var index = start
        while index + 1 < end {
            if bytes[index] == slash && bytes[index + 1] == star {
                depth += 1
                index += 2
            } else if bytes[index] == star && bytes[index + 1] == slash {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return end
    }

    /// The index after a dollar-quote tag (`$$`, `$body$`) opening at `start`, or nil (`$1`).
    private static func dollarTagEnd(_ bytes: [UInt8], from start: Int, end: Int) -> Int? {
        var index = start + 1
        if index < end && bytes[index] == dollar { return index + 1 }
        guard index < end && isIdentifierStart(bytes[index]) else { return nil }
        while index < end && isIdentifierPart(bytes[index]) && bytes[index] != dollar { index += 1 }
        return index < end && bytes[index] == dollar ? index + 1 : nil
    }

    /// Where `tag` next occurs in `bytes[from..<end]`.
    private static func find(_ tag: ArraySlice<UInt8>, in bytes: [UInt8], from: Int, end: Int) -> Int? {
        var index = from
        while index + tag.count <= end {
            if bytes[index] == dollar && bytes[index..<(index + tag.count)].elementsEqual(tag) { return index }
            index += 1
        }
        return nil
    }
}
