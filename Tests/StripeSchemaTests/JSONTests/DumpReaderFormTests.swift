import Foundation
@testable import StripeJSON
import Testing

extension JSONTests {
    @Suite("Dump reader: the three forms")
    struct DumpReaderFormTests {
        @Test("a list envelope yields the elements of data with exact bytes, offsets and lines")
        func envelope() throws {
            let text = """
                {"object": "list",
                 "data": [
                  {"id": "cus_1", "object": "customer"},
                  {"id": "cus_2",
                   "object": "customer"}
                 ],
                 "has_more": false, "url": "/v1/customers"}

                """
            let folder = try TempFolder()
            let (objects, format) = try read(try folder.write("customers.json", text))
            #expect(format == .envelope)
            #expect(texts(objects) == [#"{"id": "cus_1", "object": "customer"}"#, "{\"id\": \"cus_2\",\n   \"object\": \"customer\"}"])
            #expect(objects.map(\.byteOffset) == [offset(of: #"{"id": "cus_1""#, in: text), offset(of: #"{"id": "cus_2""#, in: text)])
            #expect(objects.map(\.line) == [3, 4])
        }

        @Test("an envelope with data after other members, and members after data, yields only data's elements")
        func envelopeDataNotFirst() throws {
            let text = #"""
                {"url": "/v1/x?data=[{\"id\":1}]", "has_more": true,
                 "meta": {"data": [{"id": "nested_not_emitted"}], "n": [1, [2, {"x": "}"}]]},
                 "count": -1.5e3, "flag": true, "none": null,
                 "data": [{"id": "a", "s": "} ] { [ \"quoted\" \\"}, {"id": "b"}],
                 "object": "list", "next": {"data": "x"}}
                """#
            let folder = try TempFolder()
            let (objects, format) = try read(try folder.write("x.json", text))
            #expect(format == .envelope)
            #expect(texts(objects) == [#"{"id": "a", "s": "} ] { [ \"quoted\" \\"}"#, #"{"id": "b"}"#])
            #expect(objects.first?.line == 4)
            #expect(try objects.map { try JSONParser.parse($0.bytes)["id"]?.stringValue } == ["a", "b"])
        }

        @Test("an envelope with empty data, an empty array and an empty file yield nothing")
        func emptyForms() throws {
            let folder = try TempFolder()
            let cases: [(String, DumpFormat?)] = [
                (#"{"object":"list","data":[],"has_more":false}"#, .envelope),
                ("[]", .array),
                (" [ \n ] \n", .array),
                ("", nil),
                ("\n\r\n  \t\n", nil),
            ]
            for (index, (text, expected)) in cases.enumerated() {
                let (objects, format) = try read(try folder.write("empty\(index).json", text))
                #expect(objects.isEmpty, "\(text)")
                #expect(format == expected, "\(text)")
            }
        }

        @Test("a plain array yields each element")
        func plainArray() throws {
            let text = "[\n  {\"id\":\"pi_1\",\"amount\":100},\n  {\"id\":\"pi_2\",\"nested\":{\"a\":[{},[]]}}\n]\n"
            let folder = try TempFolder()
            let (objects, format) = try read(try folder.write("pi.json", text))
            #expect(format == .array)
            #expect(texts(objects) == [#"{"id":"pi_1","amount":100}"#, #"{"id":"pi_2","nested":{"a":[{},[]]}}"#])
            #expect(objects.map(\.byteOffset) == [4, offset(of: #"{"id":"pi_2""#, in: text)])
            #expect(objects.map(\.line) == [2, 3])
        }

        @Test("NDJSON with blank lines and CRLF line endings")
        func ndjsonBlankLinesCRLF() throws {
            let text = "{\"id\":\"ch_1\"}\r\n\r\n   \r\n{\"id\":\"ch_2\",\r\n \"x\":[1]}\r\n\r\n{\"id\":\"ch_3\"}"
            let folder = try TempFolder()
            let (objects, format) = try read(try folder.write("charges.ndjson", text))
            #expect(format == .ndjson)
            #expect(texts(objects) == [#"{"id":"ch_1"}"#, "{\"id\":\"ch_2\",\r\n \"x\":[1]}", #"{"id":"ch_3"}"#])
            #expect(objects.map(\.byteOffset) == [0, offset(of: #"{"id":"ch_2""#, in: text), offset(of: #"{"id":"ch_3""#, in: text)])
            #expect(objects.map(\.line) == [1, 4, 7])
        }

        @Test("concatenated objects without separators, and objects whose data is not an array, are emitted whole")
        func concatenatedAndEvents() throws {
            let text = #"{"id":"evt_1","data":{"object":{"id":"cus_1"}}}{"id":"evt_2","data":"x"} {"id":"evt_3","data":null}"#
            let folder = try TempFolder()
            let (objects, format) = try read(try folder.write("events.json", text))
            #expect(format == .ndjson)
            #expect(texts(objects) == [
                #"{"id":"evt_1","data":{"object":{"id":"cus_1"}}}"#, #"{"id":"evt_2","data":"x"}"#, #"{"id":"evt_3","data":null}"#,
            ])
            #expect(objects.map(\.byteOffset) == [0, offset(of: #"{"id":"evt_2""#, in: text), offset(of: #"{"id":"evt_3""#, in: text)])
        }

        @Test("strings with braces, brackets, quotes and escaped backslashes do not confuse the scanner")
        func trickyStrings() throws {
            let tricky = #"{"id":"x","a":"{[","b":"]}","c":"\"}\"","d":"\\","e":"\\\"{","f":{"g":"\\\\"},"h":"\u007d"}"#
            let text = "[" + tricky + "," + tricky + "]"
            let folder = try TempFolder()
            for chunkSize in [1, 2, 3, 5, DumpReader.defaultChunkSize] {
                let (objects, _) = try read(try folder.write("tricky.json", text), chunkSize: chunkSize)
                #expect(texts(objects) == [tricky, tricky], "chunk size \(chunkSize)")
                #expect(objects.map(\.byteOffset) == [1, 2 + tricky.utf8.count])
            }
            #expect(try JSONParser.parse(tricky)["d"]?.stringValue == "\\")
        }

        @Test("a top-level scalar or a second top-level array is rejected")
        func topLevelJunk() throws {
            let scalar = try malformed("42")
            #expect(scalar.error?.offset == 0)
            let second = try malformed("{\"id\":1}\n[{\"id\":2}]")
            #expect(second.error?.offset == 9)
            #expect(second.error?.line == 2)
            #expect(second.emitted == 1)
        }

        @Test("a missing file, a folder and a directory-less path are dumpFile errors")
        func unreadable() throws {
            let folder = try TempFolder()
            let missing = folder.path + "/nope.json"
            #expect(throws: LoaderError.self) { try DumpReader(path: missing) }
            do {
                _ = try DumpReader(path: missing)
                Issue.record("expected an error")
            } catch LoaderError.dumpFile(let file, let reason) {
                #expect(file == missing)
                #expect(reason.contains("No such file"))
            }
            do {
                _ = try DumpReader(path: folder.path)
                Issue.record("expected an error")
            } catch LoaderError.dumpFile(let file, let reason) {
                #expect(file == folder.path)
                #expect(reason.contains("folder"))
            }
        }

        @Test("the reader can be run twice and an error from the body stops it")
        func rerunAndBodyError() throws {
            struct Stop: Error {}
            let folder = try TempFolder()
            let path = try folder.write("d.ndjson", "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n")
            let reader = try DumpReader(path: path)
            var seen = 0
            #expect(throws: Stop.self) {
                try reader.forEach { _ in
                    seen += 1
                    if seen == 2 { throw Stop() }
                }
            }
            #expect(seen == 2)
            var all: [Int] = []
            try reader.forEach { all.append($0.line) }
            #expect(all == [1, 2, 3])
            #expect(reader.format == .ndjson)
        }
    }
}
