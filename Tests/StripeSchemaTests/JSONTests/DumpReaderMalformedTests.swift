import Foundation
@testable import StripeJSON
import Testing

extension JSONTests {
    @Suite("Dump reader: malformed files")
    struct DumpReaderMalformedTests {
        /// Chunk sizes that put chunk boundaries everywhere, plus the real one.
        static let chunkSizes = [1, 2, 3, 7, DumpReader.defaultChunkSize]

        @Test("a file truncated inside a string reports the end of the file", arguments: chunkSizes)
        func truncatedInString(chunkSize: Int) throws {
            let text = "{\"object\":\"list\",\"data\":[\n{\"id\":\"a\"},\n{\"id\":\"b\",\"x\":\"unterminat"
            let result = try malformed(text, chunkSize: chunkSize)
            let error = try #require(result.error)
            #expect(error.offset == text.utf8.count)
            #expect(error.line == 3)
            #expect(error.reason.contains("end of file inside a string"))
            #expect(result.emitted == 1)
        }

        @Test("a file truncated inside an object reports the end of the file", arguments: chunkSizes)
        func truncatedInObject(chunkSize: Int) throws {
            let text = "[\n{\"id\":\"a\"},\n{\"id\":\"b\",\"n\":{\"c\":[1,2]\n"
            let error = try #require(try malformed(text, chunkSize: chunkSize).error)
            #expect(error.offset == text.utf8.count)
            #expect(error.line == 4)
            #expect(error.reason.contains("end of file"))
            #expect(error.reason.contains("byte 14"))
        }

        @Test("a file truncated between elements or at the top level reports the end of the file")
        func truncatedBetweenElements() throws {
            for text in ["[{\"a\":1},", "[{\"a\":1}", "{\"object\":\"list\",\"data\":[{\"a\":1}]", "{\"id\":\"x\",", "{\"id\":\"x\""] {
                let error = try #require(try malformed(text).error, "\(text)")
                #expect(error.offset == text.utf8.count, "\(text)")
                #expect(error.line == 1)
                #expect(error.reason.contains("end of file"))
            }
        }

        @Test("a number element inside an array is reported at the number", arguments: chunkSizes)
        func strayNumber(chunkSize: Int) throws {
            let text = "[\r\n{\"id\":\"a\"},\r\n42,\r\n{\"id\":\"b\"}\r\n]"
            let result = try malformed(text, chunkSize: chunkSize)
            let error = try #require(result.error)
            #expect(error.offset == offset(of: "42", in: text))
            #expect(error.line == 3)
            #expect(error.reason.contains("expected an object"))
            #expect(result.emitted == 1)
        }

        @Test("a string element inside an envelope's data is reported at the string")
        func strayString() throws {
            let text = "{\"object\":\"list\",\"data\":[{\"id\":\"a\"}, \"cus_2\"]}"
            let error = try #require(try malformed(text).error)
            #expect(error.offset == offset(of: "\"cus_2\"", in: text))
            #expect(error.line == 1)
            #expect(error.reason.contains("expected an object"))
        }

        @Test("mismatched brackets are reported at the wrong closing bracket", arguments: chunkSizes)
        func mismatchedBrackets(chunkSize: Int) throws {
            let text = "{\"id\":\"a\"}\n{\"id\":\"b\",\"list\":[1,2}\n{\"id\":\"c\"}\n"
            let result = try malformed(text, chunkSize: chunkSize)
            let error = try #require(result.error)
            #expect(error.offset == offset(of: "2}", in: text)! + 1)
            #expect(error.line == 2)
            #expect(error.reason.contains("unbalanced"))
            #expect(result.emitted == 1)

            let inArray = try #require(try malformed("[{\"id\":\"a\"]", chunkSize: chunkSize).error)
            #expect(inArray.offset == 10)
        }

        @Test("an extra closing brace after an NDJSON object is reported")
        func extraClosingBrace() throws {
            let text = "{\"a\":1}\n{\"a\":2}}\n"
            let result = try malformed(text)
            let error = try #require(result.error)
            #expect(error.offset == 15)
            #expect(error.line == 2)
            #expect(result.emitted == 2)
        }

        @Test("junk between elements is reported", arguments: [
            ("[{\"a\":1} {\"b\":2}]", 9, "expected ',' or ']'"),
            ("[{\"a\":1},,{\"b\":2}]", 9, "expected an object"),
            ("[{\"a\":1},]", 9, "expected an object"),
            ("[{\"a\":1}] x", 10, "after the top-level array"),
            ("{\"a\":1}\nx{\"b\":2}", 8, "expected '{'"),
            ("{\"data\":[{\"a\":1}] \"x\":1}", 18, "expected ',' or '}'"),
            ("{\"data\" [{\"a\":1}]}", 8, "expected ':'"),
            ("{\"data\":[{\"a\":1}],}", 18, "expected a member name"),
            ("{\"id\":@}", 6, "expected a value"),
        ])
        func junk(_ text: String, _ offset: Int, _ reason: String) throws {
            let error = try #require(try malformed(text).error, "\(text)")
            #expect(error.offset == offset, "\(text): \(error.reason)")
            #expect(error.reason.contains(reason), "\(text): \(error.reason)")
        }

        @Test("the malformed-JSON error names the file")
        func namesFile() throws {
            let folder = try TempFolder()
            let path = try folder.write("bad.json", "[1]")
            do {
                try DumpReader(path: path).forEach { _ in }
                Issue.record("expected an error")
            } catch let error as LoaderError {
                #expect(error == .malformedJSON(
                    file: path, offset: 1, line: 1, reason: "unexpected '1' in the top-level array: expected an object"))
            }
        }
    }
}
