import Foundation
@testable import StripeJSON
import Testing

extension JSONTests {
    @Suite("JSON parser")
    struct ParserTests {
        private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
            do {
                _ = try JSONParser.parse(bytes)
                return nil
            } catch {
                return error
            }
        }

        private func parseError(_ text: String) -> JSONParseError? {
            parseError(Array(text.utf8))
        }

        @Test("scalars")
        func scalars() throws {
            #expect(try JSONParser.parse("null") == .null)
            #expect(try JSONParser.parse(" true ") == .bool(true))
            #expect(try JSONParser.parse("\n\tfalse\r\n") == .bool(false))
            #expect(try JSONParser.parse("\"hi\"") == .string("hi"))
            #expect(try JSONParser.parse("\"\"") == .string(""))
            #expect(try JSONParser.parse("-12") == .number(JSONNumber("-12")))
            #expect(try JSONParser.parse("[]") == .array([]))
            #expect(try JSONParser.parse("{}") == .object(JSONObject()))
        }

        @Test("simple escapes are decoded")
        func simpleEscapes() throws {
            let value = try JSONParser.parse(#""a\"b\\c\/d\be\ff\ng\rh\ti""#)
            #expect(value.stringValue == "a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti")
        }

        @Test("unicode escapes and surrogate pairs are decoded")
        func unicodeEscapes() throws {
            #expect(try JSONParser.parse(#""\u00e9\u00E9""#).stringValue == "éé")
            #expect(try JSONParser.parse(#""\u20ac""#).stringValue == "€")
            #expect(try JSONParser.parse(#""\ud83d\ude00""#).stringValue == "😀")
            #expect(try JSONParser.parse(#""x\uD834\uDD1Ey""#).stringValue == "x𝄞y")
            #expect(try JSONParser.parse(#""\u0000""#).stringValue == "\u{0}")
            #expect(try JSONParser.parse(#""\u0041bc""#).stringValue == "Abc")
        }

        @Test("raw UTF-8 in strings is kept")
        func rawUTF8() throws {
            #expect(try JSONParser.parse("\"héllo € 😀 日本\"").stringValue == "héllo € 😀 日本")
            #expect(try JSONParser.parse("\"é\\n😀\"").stringValue == "é\n😀")
        }

        @Test("lone and broken surrogates are rejected")
        func badSurrogates() {
            #expect(parseError(#""\ud83d""#)?.offset == 1)
            #expect(parseError(#""ab\ude00""#)?.offset == 3)
            #expect(parseError(#""\ud83d\u0041""#)?.offset == 1)
            #expect(parseError(#""\ud83dx""#)?.reason.contains("surrogate") == true)
        }

        @Test("bad escapes are rejected at the backslash or bad digit")
        func badEscapes() {
            #expect(parseError(#""ab\x""#) == JSONParseError(offset: 3, reason: "invalid escape '\\x' in a string"))
            #expect(parseError(#""\u12G4""#)?.offset == 5)
            #expect(parseError(#""\u12"#)?.offset == 5)
            #expect(parseError("\"abc\\")?.offset == 5)
        }

        @Test("control characters inside strings are rejected")
        func controlCharacters() {
            #expect(parseError("\"a\nb\"")?.offset == 2)
            #expect(parseError("\"a\tb\"")?.offset == 2)
            #expect(parseError(bytes: [0x22, 0x41, 0x00, 0x22])?.offset == 2)
            #expect(parseError("\"x\\n\u{1F}\"")?.offset == 4)
        }

        private func parseError(bytes: [UInt8]) -> JSONParseError? {
            parseError(bytes)
        }

        @Test("invalid UTF-8 in strings is rejected", arguments: [
            [0x22, 0xC3, 0x28, 0x22],              // bad continuation
            [0x22, 0xC0, 0xAF, 0x22],              // overlong '/'
            [0x22, 0xE0, 0x80, 0xAF, 0x22],        // overlong 3-byte
            [0x22, 0xED, 0xA0, 0x80, 0x22],        // UTF-16 surrogate encoded
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xFF, 0x22],                    // never valid
            [0x22, 0x80, 0x22],                    // lone continuation
            [0x22, 0xE2, 0x82, 0x22],              // truncated sequence
        ] as [[UInt8]])
        func invalidUTF8(_ bytes: [UInt8]) {
            let error = parseError(bytes)
            #expect(error?.offset == 1)
            #expect(error?.reason.contains("UTF-8") == true)
        }

        @Test("invalid UTF-8 after an escape is rejected too")
        func invalidUTF8AfterEscape() {
            let error = parseError([0x22, 0x5C, 0x6E, 0xFE, 0x22])
            #expect(error?.offset == 3)
        }

        @Test("string specials are found at every position around 8-byte words")
        func specialsAtEveryPosition() throws {
            for length in 0..<20 {
                for position in 0...length {
                    let before = String(repeating: "a", count: position)
                    let after = String(repeating: "b", count: length - position)
                    #expect(try JSONParser.parse("\"\(before)\\n\(after)\"").stringValue == before + "\n" + after)
                    #expect(try JSONParser.parse("\"\(before)é\(after)\"").stringValue == before + "é" + after)
                    #expect(try JSONParser.parse("[\"\(before)\",\"\(after)\"]")[1]?.stringValue == after)
                    let control = parseError(Array("\"\(before)".utf8) + [0x01] + Array("\(after)\"".utf8))
                    #expect(control?.offset == 1 + position)
                    let invalid = parseError(Array("\"\(before)".utf8) + [0xFF] + Array("\(after)\"".utf8))
                    #expect(invalid?.offset == 1 + position)
                    let unterminated = parseError("\"\(before)\(after)")
                    #expect(unterminated?.offset == 1 + length)
                }
            }
        }

        @Test("numbers keep their text and convert exactly")
        func numbers() throws {
            let cases: [(String, Int64?, Double?)] = [
                ("0", 0, 0), ("-0", 0, -0.0), ("42", 42, 42), ("-17", -17, -17),
                ("0.5", nil, 0.5), ("1.0", nil, 1), ("1e3", nil, 1000), ("1E+3", nil, 1000), ("25e-1", nil, 2.5),
                ("9223372036854775807", Int64.max, 9.223372036854775808e18),
                ("-9223372036854775808", Int64.min, -9.223372036854775808e18),
                ("9223372036854775808", nil, 9.223372036854775808e18),
                ("123456789012345678901234567890", nil, 1.2345678901234568e29),
                ("1e400", nil, nil),
            ]
            for (text, integer, double) in cases {
                let value = try JSONParser.parse(text)
                guard case .number(let number) = value else {
                    Issue.record("\(text) did not parse as a number")
                    continue
                }
                #expect(number.text == text)
                #expect(number.int64 == integer, "\(text)")
                #expect(value.int64Value == integer, "\(text)")
                #expect(number.double == double, "\(text)")
                #expect(value.serialized() == text)
            }
        }

        @Test("malformed numbers are rejected", arguments: [
            ("01", 0), ("-", 1), ("+1", 0), (".5", 0), ("1.", 2), ("1.e5", 2), ("1e", 2), ("1e+", 3),
            ("-a", 1), ("0x10", 1), ("NaN", 0), ("Infinity", 0), ("[1,-]", 4), ("1 2", 2),
        ])
        func badNumbers(_ text: String, _ offset: Int) {
            #expect(parseError(text)?.offset == offset, "\(text)")
        }

        @Test("objects keep member order and the last duplicate wins")
        func objectOrder() throws {
            let value = try JSONParser.parse(#"{"b":1,"a":{"x":[true,null]},"b":3}"#)
            let object = try #require(value.objectValue)
            #expect(object.keys == ["b", "a", "b"])
            #expect(value["b"]?.int64Value == 3)
            #expect(value["a"]?["x"]?[0]?.boolValue == true)
            #expect(value["a"]?["x"]?[1]?.isNull == true)
            #expect(value["a"]?["x"]?[2] == nil)
            #expect(value["missing"] == nil)
            #expect(value.serialized() == #"{"b":1,"a":{"x":[true,null]},"b":3}"#)
        }

        @Test("nesting up to 512 levels is accepted, deeper is rejected at the 513th bracket")
        func depthLimit() throws {
            let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
            #expect(throws: Never.self) { try JSONParser.parse(ok) }
            let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
            let error = parseError(deep)
            #expect(error?.offset == 512)
            #expect(error?.reason.contains("512") == true)
            let deepObjects = String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600)
            #expect(parseError(deepObjects)?.offset == 512 * 5)
        }

        @Test("structural errors are reported at the offending byte", arguments: [
            (#"{"a":1,}"#, 7),
            (#"[1 2]"#, 3),
            (#"[1,]"#, 3),
            (#"{"a" 1}"#, 5),
            (#"{"a":}"#, 5),
            (#"{a:1}"#, 1),
            (#"{"a":1"#, 6),
            (#"[1,2"#, 4),
            (#""abc"#, 4),
            (#"[1,2]x"#, 5),
            (#"{} {}"#, 3),
            (#"tru"#, 0),
            (#"[nul]"#, 1),
            (#"[1}"#, 2),
            (#"{"a":1]"#, 6),
            ("", 0),
            ("   ", 3),
            ("'a'", 0),
        ])
        func structuralErrors(_ text: String, _ offset: Int) {
            let error = parseError(text)
            #expect(error != nil, "\(text) should not parse")
            #expect(error?.offset == offset, "\(text): \(error?.reason ?? "")")
        }

        @Test("the three entry points agree")
        func entryPoints() throws {
            let text = #"{"id":"cus_1","n":[1,2.5,"é"]}"#
            let fromString = try JSONParser.parse(text)
            let fromArray = try JSONParser.parse(Array(text.utf8))
            let fromBuffer = try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0) }
            #expect(fromString == fromArray)
            #expect(fromArray == fromBuffer)
            #expect(fromString["n"]?[2]?.stringValue == "é")
        }

        @Test("every fixture object parses and agrees with Foundation's reader")
        func fixtureAgreesWithFoundation() throws {
            let fixture = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("fixtures/stripe-shapes.json")
            let data = try Data(contentsOf: fixture)
            let value = try JSONParser.parse([UInt8](data))
            let object = try #require(value.objectValue)
            #expect(object.count >= 10)
            let compact = value.serialized()
            #expect(try JSONParser.parse(compact) == value)
            let ours = try JSONSerialization.jsonObject(with: Data(compact.utf8)) as? NSDictionary
            let theirs = try JSONSerialization.jsonObject(with: data) as? NSDictionary
            #expect(ours != nil)
            #expect(ours == theirs)
        }
    }
}
