import Foundation
@testable import StripeJSON
import Testing

extension JSONTests {
    @Suite("Dump reader: hostile files")
    struct DumpReaderHostileTests {
        @Test("an NDJSON object with a top-level data array is emitted whole, not taken for a list envelope")
        func dataArrayIsNotAnEnvelope() throws {
            let lines = [
                #"{"id":"cus_A","object":"customer","data":[{"id":"cus_B","object":"customer"}]}"#,
                #"{"id":"cus_C","data":[{"id":"cus_D"}],"object":"customer"}"#,
                #"{"data":[{"id":"cus_F"}],"id":"cus_E"}"#,
            ]
            let folder = try TempFolder()
            for (index, first) in lines.enumerated() {
                // Each one first in its file (the form is decided from it) and after another object.
                let text = first + "\n" + #"{"id":"cus_Z","object":"customer"}"# + "\n" + first + "\n"
                let (objects, format) = try read(try folder.write("hostile\(index).json", text))
                #expect(format == .ndjson, "\(first)")
                #expect(texts(objects) == [first, #"{"id":"cus_Z","object":"customer"}"#, first], "\(first)")
            }
        }

        @Test("a list envelope is recognized by \"object\": \"list\" with its members in any order, also in small chunks")
        func envelopeAnyOrder() throws {
            let folder = try TempFolder()
            let cases = [
                #"{"object":"list","data":[{"id":"a"},{"id":"b"}],"has_more":false}"#,
                #"{"data":[{"id":"a"},{"id":"b"}],"has_more":false,"object":"list","url":"/v1/x"}"#,
                #"{"has_more":false,"data":[{"id":"a"},{"id":"b"}],"url":"/v1/x","object" : "list"}"#,
            ]
            for (index, text) in cases.enumerated() {
                for chunkSize in [1, 3, 7, 1 << 20] {
                    let (objects, format) = try read(try folder.write("list\(index).json", text), chunkSize: chunkSize)
                    #expect(format == .envelope, "\(text)")
                    #expect(texts(objects) == [#"{"id":"a"}"#, #"{"id":"b"}"#], "\(text) chunk \(chunkSize)")
                    #expect(objects.map(\.byteOffset) == [offset(of: #"{"id":"a"}"#, in: text), offset(of: #"{"id":"b"}"#, in: text)])
                }
            }
        }

        @Test("a big envelope whose data comes before \"object\": \"list\" is streamed after a probe pass, in bounded memory")
        func bigEnvelopeDataFirst() throws {
            var text = #"{"has_more":false,"data":["#
            var expected: [String] = []
            for index in 0..<2000 {
                let element = #"{"id":"ch_\#(index)","pad":"\#(String(repeating: "x", count: 200))"}"#
                expected.append(element)
                text += (index > 0 ? "," : "") + element
            }
            text += #"],"object":"list"}"#
            let folder = try TempFolder()
            let path = try folder.write("big.json", text)
            let reader = try DumpReader(path: path, chunkSize: 4096, maxObjectSize: 64 << 10)
            var objects: [DumpObject] = []
            try reader.forEach { objects.append($0) }
            #expect(reader.format == .envelope)
            #expect(texts(objects) == expected)
            #expect(reader.peakBufferSize < 256 << 10, "the envelope (\(text.utf8.count) bytes) was held whole")
        }

        @Test("an object over the size limit in a gzip dump is skipped in bounded memory and delivered as its start with its length")
        func oversizedObjectInGzip() throws {
            let big = #"{"id":"cus_big","object":"customer","description":""# + String(repeating: "y", count: 5 << 20) + #""}"#
            let text = #"{"id":"cus_1"}"# + "\n" + big + "\n" + #"{"id":"cus_2"}"# + "\n"
            let folder = try TempFolder()
            let path = try gzip(try folder.write("customers.ndjson", text))
            let reader = try DumpReader(path: path, maxObjectSize: 1 << 20)
            var objects: [DumpObject] = []
            try reader.forEach(deliveringOversized: true) { objects.append($0) }
            #expect(objects.count == 3)
            #expect(texts([objects[0], objects[2]]) == [#"{"id":"cus_1"}"#, #"{"id":"cus_2"}"#])
            #expect(objects[1].oversizedLength == big.utf8.count)
            #expect(objects[1].byteOffset == offset(of: #"{"id":"cus_big""#, in: text))
            #expect(objects[1].line == 2)
            #expect(objects[1].bytes.count == DumpScanner.oversizedPrefixLength)
            #expect(RawText.leadingID(objects[1].bytes) == "cus_big")
            #expect(objects[0].oversizedLength == nil && objects[2].oversizedLength == nil)
            #expect(reader.peakBufferSize < 4 << 20, "buffer grew to \(reader.peakBufferSize) bytes")

            // Without delivery, the object stops the reading with an error naming the file and offset.
            do {
                try reader.forEach { _ in }
                Issue.record("an oversized object was read")
            } catch let error as LoaderError {
                #expect(error.description.contains(path), "\(error)")
                #expect(error.description.contains("at byte \(objects[1].byteOffset) (line 2)"), "\(error)")
                #expect(error.description.contains("\(1 << 20) bytes"), "\(error)")
            }
        }

        @Test("an object nested millions deep is skipped with a bounded bracket stack")
        func deepNesting() throws {
            let depth = 3 << 20
            let deep = #"{"id":"cus_deep","a":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            let text = deep + "\n" + #"{"id":"cus_2"}"# + "\n"
            let folder = try TempFolder()
            let reader = try DumpReader(path: try folder.write("deep.json", text), maxObjectSize: 1 << 20)
            var objects: [DumpObject] = []
            try reader.forEach(deliveringOversized: true) { objects.append($0) }
            #expect(objects.map(\.oversizedLength) == [deep.utf8.count, nil])
            #expect(reader.peakBufferSize < 4 << 20, "buffers grew to \(reader.peakBufferSize) bytes")
        }

        @Test("an object of exactly the limit is read whole; one byte more is oversized")
        func limitBoundary() throws {
            let object = #"{"id":"x","p":""# + String(repeating: "z", count: 100) + #""}"#
            let folder = try TempFolder()
            let path = try folder.write("edge.json", object + "\n" + object)
            for (limit, whole) in [(object.utf8.count, true), (object.utf8.count - 1, false)] {
                let reader = try DumpReader(path: path, chunkSize: 16, maxObjectSize: limit)
                var objects: [DumpObject] = []
                try reader.forEach(deliveringOversized: true) { objects.append($0) }
                #expect(objects.count == 2)
                #expect(objects.allSatisfy { ($0.oversizedLength == nil) == whole }, "limit \(limit): \(objects.map { "\($0.byteOffset) \($0.oversizedLength ?? -1) \($0.bytes.count)" })")
                if whole { #expect(texts(objects) == [object, object]) }
            }
        }

        @Test("a FIFO is refused at once, naming the file, instead of waiting for a writer")
        func fifoRefused() throws {
            let folder = try TempFolder()
            let path = folder.path + "/customers.json"
            #expect(mkfifo(path, 0o600) == 0)
            // Should the reader block anyway, a writer arrives later so the test fails rather than hangs.
            let unblock = Thread {
                Thread.sleep(forTimeInterval: 20)
                let descriptor = open(path, O_WRONLY | O_NONBLOCK)
                if descriptor >= 0 { close(descriptor) }
            }
            unblock.start()
            do {
                _ = try DumpReader(path: path)
                Issue.record("a FIFO was accepted as a dump file")
            } catch let error as LoaderError {
                #expect(error == .dumpFile(file: path, reason: "is a FIFO (named pipe), not a regular file"))
            }
        }
    }
}
