import Postgres
import Testing

/// COPY's text encoding, which every load's rows pass through: backslash, newline, carriage
/// return and tab are escaped, every other byte is kept as it is, wherever it falls.
@Suite("COPY text encoding")
struct PGCopyTextTests {
    /// The escaping, one byte at a time.
    private static func reference(_ bytes: [UInt8]) -> [UInt8] {
        bytes.flatMap { byte -> [UInt8] in
            switch byte {
            case 0x5c: [0x5c, 0x5c]
            case 0x0a: [0x5c, UInt8(ascii: "n")]
            case 0x0d: [0x5c, UInt8(ascii: "r")]
            case 0x09: [0x5c, UInt8(ascii: "t")]
            default: [byte]
            }
        }
    }

    private static func encoded(_ bytes: [UInt8]) -> [UInt8] {
        var text = PGCopyText()
        bytes.withUnsafeBufferPointer { text.appendBytesField($0) }
        return text.bytes
    }

    @Test("every length from 0 to 40 with an escaped byte at every position, runs of them, and bytes that differ from them by one bit")
    func escapesAtEveryPosition() {
        let specials: [UInt8] = [0x5c, 0x0a, 0x0d, 0x09]
        // Neighbours that a word-at-a-time test could confuse with the escaped bytes.
        let others: [UInt8] = [0x00, 0x08, 0x0b, 0x0c, 0x0e, 0x5b, 0x5d, 0x7c, 0xdc, 0x8a, 0xff, UInt8(ascii: "a")]
        for length in 0...40 {
            for filler in others {
                let plain = [UInt8](repeating: filler, count: length)
                #expect(Self.encoded(plain) == plain)
                for position in 0..<length {
                    for special in specials {
                        var bytes = plain
                        bytes[position] = special
                        #expect(Self.encoded(bytes) == Self.reference(bytes), "length \(length), \(special) at \(position)")
                    }
                }
            }
            let allSpecial = (0..<length).map { specials[$0 % specials.count] }
            #expect(Self.encoded(allSpecial) == Self.reference(allSpecial))
        }
    }

    @Test("random bytes, JSON with escapes and UTF-8 encode as the byte-at-a-time escaping does")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let length = Int.random(in: 0...200, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Self.encoded(bytes) == Self.reference(bytes))
        }
        let json = Array(#"{"id":"cus_1","name":"Tab\there \\ \"quoted\" — 日本語","note":"line\nbreak\r"}"#.utf8)
        #expect(Self.encoded(json) == Self.reference(json))
    }

    @Test("fields and rows: NULL as \\N, tabs between fields, a newline after each row")
    func fieldsAndRows() {
        var text = PGCopyText()
        text.appendField("a\tb")
        text.appendSeparator()
        text.appendField(nil)
        text.endRow()
        #expect(text.bytes == Array("a\\tb\t\\N\n".utf8))
    }
}
