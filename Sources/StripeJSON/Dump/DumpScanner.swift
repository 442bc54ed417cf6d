import Foundation

/// Splits a dump's byte stream into its top-level Stripe objects without parsing them.
///
/// A byte-level scanner: it tracks string and escape state and bracket nesting, reads the
/// stream in chunks and keeps in its buffer only the object it has not finished (so memory is
/// bounded by the chunk size plus the largest object, and objects are capped at
/// `maxObjectSize`). It understands the three dump forms (`DumpFormat`) and reports structural
/// problems — unbalanced or mismatched brackets, a stream ending inside an object or string, an
/// element that is not an object, junk between elements — as `LoaderError.malformedJSON` with
/// the absolute byte offset and 1-based line. The insides of objects are not validated here;
/// the parser does that later.
///
/// A top-level object is a list envelope when it has the member `"object": "list"`; its `data`
/// elements are emitted and it is not. Any other top-level object is emitted whole, whatever
/// members it has. When `data` comes before `object`, the object is held until its form is
/// known; a first object too large to hold that way throws `FirstObjectUndecided`, and the
/// reader then asks `probeFirstObjectIsList` on a second pass.
final class DumpScanner {
    /// Thrown when the first top-level object outgrew the size limit before its form was known.
    struct FirstObjectUndecided: Error {}

    /// The file named in errors.
    let path: String
    private let source: DumpByteSource
    private let chunkSize: Int
    /// The largest object handed out whole.
    let maxObjectSize: Int
    /// Whether a larger object is handed out as its first bytes with `oversizedLength` set
    /// (true), or throws `LoaderError.dumpFile` (false).
    private let deliverOversized: Bool
    /// The form of the first top-level object, when a probe pass found it out.
    private let firstObjectIsList: Bool?

    /// The buffered bytes; `buffer[0]` is stream offset `base`.
    private var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// How many bytes of `buffer` hold data.
    private var length = 0
    /// The index in `buffer` of the next byte to examine.
    private var position = 0
    /// The stream offset of `buffer[0]`.
    private var base = 0
    /// The stream offset of the first byte that must survive a refill (an unfinished object).
    private var anchor: Int?
    /// The line of the anchored object's first byte.
    private var anchorLine = 0
    /// The anchored object outgrew `maxObjectSize`: where it began and its first bytes. Its
    /// anchor is dropped, so it is skipped with bounded memory.
    private var oversized: (start: Int, line: Int, prefix: [UInt8])?
    /// The first top-level object is anchored and its form is not known yet.
    private var undecidedFirst = false
    private var reachedEnd = false

    /// How many leading bytes of an oversized object are kept for the reject record.
    static let oversizedPrefixLength = 4096

    /// The index in `buffer` up to which newlines have been counted.
    private var lineIndex = 0
    /// The 1-based line of the byte at `lineIndex`.
    private var lineNumber = 1

    /// Open brackets of the object being skipped, innermost last.
    private var brackets: UnsafeMutablePointer<UInt8>
    private(set) var bracketCapacity = 64

    /// A scanner over `source`, reading `chunkSize` bytes at a time; objects over
    /// `maxObjectSize` bytes are delivered truncated when `deliverOversized`, else they throw.
    init(source: DumpByteSource, path: String, chunkSize: Int, maxObjectSize: Int = DumpReader.defaultMaxObjectSize,
         deliverOversized: Bool = false, firstObjectIsList: Bool? = nil) {
        precondition(chunkSize > 0, "DumpScanner: chunk size must be positive")
        precondition(maxObjectSize > 0, "DumpScanner: the object size limit must be positive")
        self.source = source
        self.path = path
        self.chunkSize = chunkSize
        self.maxObjectSize = maxObjectSize
        self.deliverOversized = deliverOversized
        self.firstObjectIsList = firstObjectIsList
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

    /// Reads the first top-level object without keeping it and says whether it is a list
    /// envelope (has `"object": "list"`); false when the stream does not start with an object.
    func probeFirstObjectIsList() throws -> Bool {
        guard try peekNonWhitespace() == UInt8(ascii: "{") else { return false }
        let start = base + position
        position += 1
        var byte = try require("unterminated object starting at byte \(start)")
        if byte == UInt8(ascii: "}") { return false }
        while true {
            let name = try scanMemberName(start: start)
            byte = try require("unterminated object starting at byte \(start)")
            if name == .object {
                guard byte == UInt8(ascii: "\"") else { return false }
                return try scanName() == .list
            }
            try skipValue(byte)
            guard let next = try nextAfterSeparator(
                closing: UInt8(ascii: "}"), unterminated: "unterminated object starting at byte \(start)",
                context: "", item: "a member")
            else { return false }
            byte = next
        }
    }

    // MARK: - Structure

    /// The few member names and values the scanner tells apart.
    private enum Name {
        case data, object, list, other
    }

    /// Scans a top-level object: a list envelope when it has `"object": "list"` (the elements
    /// of its `data` array are emitted), otherwise a Stripe object emitted whole.
    private func scanTopObject(first: Bool, onFormat: (DumpFormat) -> Void, _ body: (DumpObject) throws -> Void) throws {
        let start = base + position
        let startLine = line(at: position)
        hold(start, line: startLine)
        position += 1
        var isList: Bool? = first ? firstObjectIsList : nil
        undecidedFirst = first && isList == nil
        /// The stream offset of a `data` array met before the form was known (held in the buffer).
        var heldData: Int?
        var reported = false
        func decided(_ list: Bool) {
            isList = list
            if first && !reported {
                onFormat(list ? .envelope : .ndjson)
                reported = true
            }
            if list && heldData != nil { return }  // still held: a second pass could stream it
            undecidedFirst = false
            // An envelope is not emitted itself: unless its data is held, it need not be kept.
            if list {
                anchor = nil
                oversized = nil
            }
        }
        if isList == true { decided(true) }
        var byte = try require("unterminated object starting at byte \(start)")
        if byte == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                let name = try scanMemberName(start: start)
                byte = try require("unterminated object starting at byte \(start)")
                if name == .object && isList == nil {
                    if byte == UInt8(ascii: "\"") {
                        decided(try scanName() == .list)
                    } else {
                        try skipValue(byte)
                        decided(false)
                    }
                } else if name == .data && byte == UInt8(ascii: "[") && isList != false {
                    if isList == true && heldData == nil {
                        position += 1
                        try scanElements(of: "the envelope's data array", body)
                    } else {
                        if heldData == nil { heldData = base + position }
                        try skipValue(byte)
                    }
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
        undecidedFirst = false
        if let over = oversized {
            oversized = nil
            if first && !reported { onFormat(isList == true ? .envelope : .ndjson) }
            try deliverOversizedObject(over, body)
            return
        }
        if isList != true { decided(false) }
        if isList == true {
            if let heldData {
                // The data array was read before `"object": "list"`: emit its elements from the buffer.
                let end = position
                position = heldData - base + 1
                try scanElements(of: "the envelope's data array", body)
                position = end
            }
            anchor = nil
            return
        }
        try emitObject(start: start, line: startLine, body)
    }

    /// Skips the member name at `position` and its `:`, and says which of the known names it is.
    private func scanMemberName(start: Int) throws -> Name {
        let byte = try require("unterminated object starting at byte \(start)")
        guard byte == UInt8(ascii: "\"") else {
            throw malformed(at: position, "unexpected \(describe(byte)): expected a member name")
        }
        let name = try scanName()
        let colon = try require("unterminated object starting at byte \(start)")
        guard colon == UInt8(ascii: ":") else {
            throw malformed(at: position, "unexpected \(describe(colon)): expected ':' after a member name")
        }
        position += 1
        return name
    }

    /// Skips the string whose opening quote is at `position`, through its closing quote, and
    /// says whether it is exactly `data`, `object` or `list` (a string with escapes is none of them).
    /// Needs no anchor: it keeps the first bytes it sees.
    private func scanName() throws -> Name {
        let start = base + position
        var seen: UInt64 = 0
        var count = 0
        var plain = true
        var index = position + 1
        var escaped = false
        while true {
            let end = length
            if escaped, index < end {
                escaped = false
                index += 1
            }
            while index < end {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") {
                    position = index + 1
                    guard plain else { return .other }
                    switch (count, seen) {
                    case (4, 0x6174_6164): return .data  // "data", first byte lowest
                    case (4, 0x7473_696C): return .list  // "list"
                    case (6, 0x7463_656A_626F): return .object  // "object"
                    default: return .other
                    }
                }
                if byte == UInt8(ascii: "\\") {
                    plain = false
                    if index + 1 < end {
                        index += 2
                    } else {
                        escaped = true
                        index += 1
                    }
                    continue
                }
                if count < 8 { seen |= UInt64(byte) << (8 * UInt64(count)) }
                count += 1
                index += 1
            }
            position = index
            guard try refill() else {
                throw malformed(at: length, "unexpected end of file inside a string starting at byte \(start)")
            }
            index = position
        }
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
            hold(start, line: startLine)
            try skipBalanced(start: start, line: startLine)
            if let over = oversized {
                oversized = nil
                try deliverOversizedObject(over, body)
            } else {
                try emitObject(start: start, line: startLine, body)
            }
            guard let next = try nextAfterSeparator(
                closing: UInt8(ascii: "]"), unterminated: "unterminated \(container)",
                context: " in \(container)", item: "an object")
            else { return }
            byte = next
        }
    }

    /// Keeps the bytes from stream offset `start` (line `line`) buffered until the object ends.
    private func hold(_ start: Int, line: Int) {
        anchor = start
        anchorLine = line
    }

    /// Hands out the whole object from stream offset `start` through `position`, unless it is
    /// over the limit (by less than a chunk, or it would have been dropped while read).
    private func emitObject(start: Int, line: Int, _ body: (DumpObject) throws -> Void) throws {
        let size = base + position - start
        if size > maxObjectSize {
            guard deliverOversized else {
                throw LoaderError.dumpFile(file: path, reason: DumpReader.oversizedReason(
                    byteOffset: start, line: line, length: size, limit: maxObjectSize))
            }
            let prefix = Array(UnsafeBufferPointer(start: buffer + (start - base), count: min(DumpScanner.oversizedPrefixLength, size)))
            anchor = nil
            try body(DumpObject(bytes: prefix, byteOffset: start, line: line, oversizedLength: size))
            return
        }
        let object = DumpObject(bytes: bytes(from: start), byteOffset: start, line: line)
        anchor = nil
        try body(object)
    }

    /// Hands out an object that outgrew the limit: its first bytes, with its full length.
    private func deliverOversizedObject(_ over: (start: Int, line: Int, prefix: [UInt8]), _ body: (DumpObject) throws -> Void) throws {
        anchor = nil
        try body(DumpObject(bytes: over.prefix, byteOffset: over.start, line: over.line,
                            oversizedLength: base + position - over.start))
    }

    /// Called when the anchored object has reached the size limit unfinished: stops keeping it
    /// (remembering its start), or throws when oversized objects are not delivered.
    private func outgrown(anchor start: Int) throws {
        if undecidedFirst { throw FirstObjectUndecided() }
        guard deliverOversized else {
            throw LoaderError.dumpFile(file: path, reason: DumpReader.oversizedReason(
                byteOffset: start, line: anchorLine, length: nil, limit: maxObjectSize))
        }
        let kept = min(DumpScanner.oversizedPrefixLength, length - (start - base))
        oversized = (start, anchorLine, Array(UnsafeBufferPointer(start: buffer + (start - base), count: kept)))
        anchor = nil
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
                    if depth < bracketCapacity { brackets[depth] = byte }
                    depth += 1
                } else if folded == UInt8(ascii: "}") {
                    // Past `maxBracketDepth` only the depth is counted (the parser refuses such nesting anyway).
                    if depth <= bracketCapacity {
                        let open = brackets[depth - 1]
                        guard byte == open &+ 2 else {
                            throw malformed(at: index, "unbalanced brackets: '\(Character(UnicodeScalar(byte)))' "
                                + "does not close '\(Character(UnicodeScalar(open)))'")
                        }
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

    /// The deepest nesting whose bracket kinds are remembered and checked; memory stays
    /// bounded for a hostile object nested millions deep.
    static let maxBracketDepth = 1 << 16

    /// Doubles the bracket stack, up to `maxBracketDepth`.
    private func growBrackets() {
        guard bracketCapacity < DumpScanner.maxBracketDepth else { return }
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
        if oversized == nil, let start = anchor, base + length - start >= maxObjectSize {
            try outgrown(anchor: start)
        }
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
