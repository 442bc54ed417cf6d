import Foundation

/// Splits a dump's byte stream into its top-level Stripe objects without parsing them.
///
/// A byte-level scanner: it tracks string and escape state and bracket nesting, reads the
/// stream in chunks and keeps in its buffer only the object it has not finished (so memory is
/// bounded by the chunk size plus the largest object). It understands the three dump forms
/// (`DumpFormat`) and reports structural problems — unbalanced or mismatched brackets, a
/// stream ending inside an object or string, an element that is not an object, junk between
/// elements — as `LoaderError.malformedJSON` with the absolute byte offset and 1-based line.
/// The insides of objects are not validated here; the parser does that later.
final class DumpScanner {
    /// The file named in errors.
    let path: String
    private let source: DumpByteSource
    private let chunkSize: Int

    /// The buffered bytes; `buffer[0]` is stream offset `base`.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes of `buffer` hold data.
    private var length = 0
    /// The index in `buffer` of the next byte to examine.
    private var position = 0
    /// The stream offset of `buffer[0]`.
    private var base = 0
    /// The stream offset of the first byte that must survive a refill (an unfinished object).
    private var anchor: Int?
    private var reachedEnd = false

    /// The index in `buffer` up to which newlines have been counted.
    private var lineIndex = 0
    /// The 1-based line of the byte at `lineIndex`.
    private var lineNumber = 1

    /// Open brackets of the object being skipped, innermost last.
    private var brackets: UnsafeMutablePointer<UInt8>
    private var bracketCapacity = 64

    /// A scanner over `source`, reading `chunkSize` bytes at a time.
    init(source: DumpByteSource, path: String, chunkSize: Int) {
        precondition(chunkSize > 0, "DumpScanner: chunk size must be positive")
        self.source = source
        self.path = path
        self.chunkSize = chunkSize
        capacity = chunkSize
        buffer = .allocate(capacity: capacity)
        brackets = .allocate(capacity: bracketCapacity)
    }

    deinit {
        buffer.deallocate()
        brackets.deallocate()
    }

    /// Hands every top-level object to `body` in stream order; calls `onFormat` once, as soon
    /// as the dump's form is known (never for an empty stream).
    func scan(onFormat: (DumpFormat) -> Void, _ body: (DumpObject) throws -> Void) throws {
        var first = true
        while let byte = try peekNonWhitespace() {
            switch byte {
            case UInt8(ascii: "[") where first:
                onFormat(.array)
                position += 1
                try scanElements(of: "the top-level array", body)
                if let extra = try peekNonWhitespace() {
                    throw malformed(at: position, "unexpected \(describe(extra)) after the top-level array")
                }
                return
            case UInt8(ascii: "{"):
                try scanTopObject(first: first, onFormat: onFormat, body)
            default:
                let expected = first ? "a dump must start with '{' or '['" : "expected '{' to start the next object"
                throw malformed(at: position, "unexpected \(describe(byte)): \(expected)")
            }
            first = false
        }
    }

    // MARK: - Structure

    /// Scans a top-level object: an envelope when it has a `data` member that is an array
    /// (its elements are emitted), otherwise a Stripe object emitted whole.
    private func scanTopObject(first: Bool, onFormat: (DumpFormat) -> Void, _ body: (DumpObject) throws -> Void) throws {
        let start = base + position
        let startLine = line(at: position)
        anchor = start
        position += 1
        var isEnvelope = false
        var byte = try require("unterminated object starting at byte \(start)")
        if byte == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                guard byte == UInt8(ascii: "\"") else {
                    throw malformed(at: position, "unexpected \(describe(byte)): expected a member name")
                }
                let isData = try scanKeyIsData()
                byte = try require("unterminated object starting at byte \(start)")
                guard byte == UInt8(ascii: ":") else {
                    throw malformed(at: position, "unexpected \(describe(byte)): expected ':' after a member name")
                }
                position += 1
                byte = try require("unterminated object starting at byte \(start)")
                if isData && byte == UInt8(ascii: "[") {
                    if !isEnvelope && first { onFormat(.envelope) }
                    isEnvelope = true
                    anchor = nil
                    position += 1
                    try scanElements(of: "the envelope's data array", body)
                } else {
                    try skipValue(byte)
                }
                guard let next = try nextAfterSeparator(
                    closing: UInt8(ascii: "}"), unterminated: "unterminated object starting at byte \(start)",
                    context: "", item: "a member")
                else { break }
                byte = next
            }
        }
        if isEnvelope { return }
        if first { onFormat(.ndjson) }
        let object = DumpObject(bytes: bytes(from: start), byteOffset: start, line: startLine)
        anchor = nil
        try body(object)
    }

    /// Skips the member name at `position` and says whether it is exactly `data`.
    private func scanKeyIsData() throws -> Bool {
        let nameStart = base + position + 1
        let savedAnchor = anchor
        if anchor == nil { anchor = nameStart }
        defer { anchor = savedAnchor }
        try skipString()
        let nameEnd = base + position - 1
        guard nameEnd - nameStart == 4 else { return false }
        let name = buffer + (nameStart - base)
        return name[0] == UInt8(ascii: "d") && name[1] == UInt8(ascii: "a")
            && name[2] == UInt8(ascii: "t") && name[3] == UInt8(ascii: "a")
    }

    /// Emits each object element of the array whose `[` was just consumed, through its `]`.
    private func scanElements(of container: String, _ body: (DumpObject) throws -> Void) throws {
        var byte = try require("unterminated \(container)")
        if byte == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            guard byte == UInt8(ascii: "{") else {
                throw malformed(at: position, "unexpected \(describe(byte)) in \(container): expected an object")
            }
            let start = base + position
            let startLine = line(at: position)
            anchor = start
            try skipBalanced(start: start, line: startLine)
            let object = DumpObject(bytes: bytes(from: start), byteOffset: start, line: startLine)
            anchor = nil
            try body(object)
            guard let next = try nextAfterSeparator(
                closing: UInt8(ascii: "]"), unterminated: "unterminated \(container)",
                context: " in \(container)", item: "an object")
            else { return }
            byte = next
        }
    }

    /// Skips the value starting with `byte` at `position` (a member value of a top-level object).
    private func skipValue(_ byte: UInt8) throws {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let start = base + position
            try skipBalanced(start: start, line: line(at: position))
        case UInt8(ascii: "\""):
            try skipString()
        default:
            let start = base + position
            while true {
                while position < length, isScalarByte(buffer[position]) { position += 1 }
                if position < length { break }
                guard try refill() else { break }
            }
            if base + position == start {
                throw malformed(at: position, "unexpected \(describe(byte)): expected a value")
            }
        }
    }

    @inline(__always)
    private func isScalarByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    // MARK: - Hot loops

    /// Skips the string whose opening quote is at `position`, through its closing quote.
    private func skipString() throws {
        let start = base + position
        var index = position + 1
        var escaped = false
        while true {
            let end = length
            let bytes = buffer
            if escaped, index < end {
                escaped = false
                index += 1
            }
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    position = index + 1
                    return
                }
                if byte == UInt8(ascii: "\\") {
                    if index + 1 < end {
                        index += 2
                    } else {
                        escaped = true
                        index += 1
                    }
                    continue
                }
                index += 1
            }
            position = index
            guard try refill() else {
                throw malformed(at: length, "unexpected end of file inside a string starting at byte \(start)")
            }
            index = position
        }
    }

    /// Skips the array or object whose opening bracket is at `position`, through its matching
    /// closing bracket, checking that brackets pair up. Runs of uninteresting bytes are skipped
    /// eight at a time.
    private func skipBalanced(start: Int, line startLine: Int) throws {
        var depth = 0
        var inString = false
        var escaped = false
        var index = position
        while true {
            let end = length
            let bytes = buffer
            scanning: while index < end {
                if inString {
                    if escaped {
                        escaped = false
                        index += 1
                    }
                    while index < end {
                        while index &+ 8 <= end {
                            let word = DumpScanner.word(bytes, index)
                            let found = DumpScanner.zeroBytes(word ^ DumpScanner.quotes)
                                | DumpScanner.zeroBytes(word ^ DumpScanner.backslashes)
                            if found != 0 {
                                index &+= found.trailingZeroBitCount &>> 3
                                break
                            }
                            index &+= 8
                        }
                        guard index < end else { break }
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "\"") {
                            inString = false
                            index += 1
                            continue scanning
                        }
                        if byte == UInt8(ascii: "\\") {
                            if index + 1 < end {
                                index += 2
                            } else {
                                escaped = true
                                index += 1
                            }
                            continue
                        }
                        index += 1
                    }
                    break scanning
                }
                while index &+ 8 <= end {
                    let word = DumpScanner.word(bytes, index)
                    let folded = word | DumpScanner.caseBits
                    let found = DumpScanner.zeroBytes(folded ^ DumpScanner.openBrackets)
                        | DumpScanner.zeroBytes(folded ^ DumpScanner.closeBrackets)
                        | DumpScanner.zeroBytes(word ^ DumpScanner.quotes)
                    if found != 0 {
                        index &+= found.trailingZeroBitCount &>> 3
                        break
                    }
                    index &+= 8
                }
                guard index < end else { break scanning }
                let byte = bytes[index]
                let folded = byte | 0x20
                if folded == UInt8(ascii: "{") {
                    if depth == bracketCapacity { growBrackets() }
                    brackets[depth] = byte
                    depth += 1
                } else if folded == UInt8(ascii: "}") {
                    let open = brackets[depth - 1]
                    guard byte == open &+ 2 else {
                        throw malformed(at: index, "unbalanced brackets: '\(Character(UnicodeScalar(byte)))' "
                            + "does not close '\(Character(UnicodeScalar(open)))'")
                    }
                    depth -= 1
                    if depth == 0 {
                        position = index + 1
                        return
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                }
                index += 1
            }
            position = index
            guard try refill() else {
                let inside = inString ? "inside a string" : "inside \(depth) unclosed bracket\(depth == 1 ? "" : "s")"
                throw malformed(at: length, "unexpected end of file \(inside): unterminated object starting at byte \(start) (line \(startLine))")
            }
            index = position
        }
    }

    // MARK: - Eight bytes at a time

    private static let quotes: UInt64 = 0x2222_2222_2222_2222
    private static let backslashes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C
    private static let newlineBytes: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    /// `{` and `[` both become `{` once bit 0x20 is set; `}` and `]` both become `}`.
    private static let caseBits: UInt64 = 0x2020_2020_2020_2020
    private static let openBrackets: UInt64 = 0x7B7B_7B7B_7B7B_7B7B
    private static let closeBrackets: UInt64 = 0x7D7D_7D7D_7D7D_7D7D

    /// The eight bytes at `index`, the first in the lowest bits.
    @inline(__always)
    private static func word(_ bytes: UnsafeMutablePointer<UInt8>, _ index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
    }

    /// 0x80 in exactly the bytes of `value` that are zero, 0 elsewhere.
    @inline(__always)
    private static func zeroBytes(_ value: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((value & low) &+ low) | value | low)
    }

    private func growBrackets() {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: bracketCapacity * 2)
        larger.update(from: brackets, count: bracketCapacity)
        brackets.deallocate()
        brackets = larger
        bracketCapacity *= 2
    }

    // MARK: - Buffer

    /// Reads the next chunk, first dropping everything before the anchor (or before `position`
    /// when nothing is anchored). Returns false at the end of the stream.
    private func refill() throws -> Bool {
        if reachedEnd { return false }
        let keep = anchor.map { $0 - base } ?? position
        if keep > 0 {
            countLines(upTo: keep)
            let remaining = length - keep
            if remaining > 0 { memmove(buffer, buffer + keep, remaining) }
            length = remaining
            position -= keep
            lineIndex -= keep
            base += keep
        }
        if capacity - length < chunkSize {
            let larger = max(capacity * 2, length + chunkSize)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            grown.update(from: buffer, count: length)
            buffer.deallocate()
            buffer = grown
            capacity = larger
        }
        let read = try source.read(into: buffer + length, count: chunkSize)
        if read == 0 {
            reachedEnd = true
            return false
        }
        length += read
        return true
    }

    /// The next byte that is not JSON whitespace, left at `position`; nil at the end of the stream.
    private func peekNonWhitespace() throws -> UInt8? {
        while true {
            while position < length {
                let byte = buffer[position]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return byte }
                position += 1
            }
            guard try refill() else { return nil }
        }
    }

    /// After a member or element: past a `,` returns the next significant byte; at `closing`
    /// consumes it and returns nil; anything else is malformed.
    private func nextAfterSeparator(
        closing: UInt8, unterminated: @autoclosure () -> String, context: String, item: String
    ) throws -> UInt8? {
        let byte = try require(unterminated())
        if byte == UInt8(ascii: ",") {
            position += 1
            return try require(unterminated())
        }
        if byte == closing {
            position += 1
            return nil
        }
        let closer = Character(Unicode.Scalar(closing))
        throw malformed(at: position, "unexpected \(describe(byte))\(context): expected ',' or '\(closer)' after \(item)")
    }

    /// Like `peekNonWhitespace`, but the end of the stream is an error described by `problem`.
    private func require(_ problem: @autoclosure () -> String) throws -> UInt8 {
        guard let byte = try peekNonWhitespace() else {
            throw malformed(at: length, "unexpected end of file: \(problem())")
        }
        return byte
    }

    /// A copy of the buffered bytes from stream offset `start` up to `position`.
    private func bytes(from start: Int) -> [UInt8] {
        let startIndex = start - base
        precondition(startIndex >= 0 && startIndex <= position, "DumpScanner: object start was not kept")
        return Array(UnsafeBufferPointer(start: buffer + startIndex, count: position - startIndex))
    }

    // MARK: - Lines and errors

    /// The 1-based line of the buffered byte at `index`.
    private func line(at index: Int) -> Int {
        countLines(upTo: index)
        return lineNumber
    }

    private func countLines(upTo index: Int) {
        if index > lineIndex {
            lineNumber += newlines(from: lineIndex, to: index)
        } else if index < lineIndex {
            lineNumber -= newlines(from: index, to: lineIndex)
        }
        lineIndex = index
    }

    private func newlines(from start: Int, to end: Int) -> Int {
        var count = 0
        var index = start
        while index &+ 8 <= end {
            count &+= DumpScanner.zeroBytes(DumpScanner.word(buffer, index) ^ DumpScanner.newlineBytes).nonzeroBitCount
            index &+= 8
        }
        while index < end {
            count &+= buffer[index] == 0x0A ? 1 : 0
            index += 1
        }
        return count
    }

    private func malformed(at index: Int, _ reason: String) -> LoaderError {
        .malformedJSON(file: path, offset: base + index, line: line(at: index), reason: reason)
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
        return "byte 0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))"
    }
}
