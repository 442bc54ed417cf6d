import Foundation
@testable import StripeJSON
import Testing

extension JSONTests {
    @Suite("Dump reader: chunks, large files and gzip")
    struct DumpReaderStreamingTests {
        /// A generated dump with the exact bytes, offset and line of every object it holds.
        struct GeneratedDump {
            var bytes: [UInt8] = []
            var objects: [DumpObject] = []
            private var newlines = 0

            mutating func append(_ text: String) {
                append(bytes: Array(text.utf8))
            }

            mutating func append(bytes more: [UInt8]) {
                bytes.append(contentsOf: more)
                newlines += more.lazy.filter { $0 == 0x0A }.count
            }

            mutating func appendObject(_ object: [UInt8]) {
                objects.append(DumpObject(bytes: object, byteOffset: bytes.count, line: newlines + 1))
                append(bytes: object)
            }
        }

        /// A deterministic pseudo-random generator (64-bit LCG).
        struct Random {
            var state: UInt64
            mutating func next(_ bound: Int) -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int((state >> 33) % UInt64(bound))
            }
        }

        /// A Stripe-like object whose description string is `padding` pieces long, full of
        /// characters that matter to the scanner.
        static func object(_ index: Int, padding: Int, random: inout Random) -> [UInt8] {
            let pieces = ["abc", "{", "}", "[", "]", "\\\"", "\\\\", "\\n", "é", "😀", ", ", ":", "\\u007b"]
            var description = ""
            description.reserveCapacity(padding * 3)
            for _ in 0..<padding { description += pieces[random.next(pieces.count)] }
            let newline = random.next(3) == 0 ? "\n  " : " "
            return Array("""
                {"id": "ch_\(index)", "object": "charge",\(newline)"amount": \(random.next(100_000)), \
                "description": "\(description)",\(newline)"metadata": {"k": "v \\" } ] \\\\"}, \
                "refunds": {"object": "list", "data": [{"id": "re_\(index)", "n": [1, [2], {}]}]}}
                """.utf8)
        }

        /// A dump of about `megabytes` MiB in `format`, with one object larger than a chunk.
        static func generate(_ format: DumpFormat, megabytes: Int, seed: UInt64 = 42) -> GeneratedDump {
            var random = Random(state: seed)
            var dump = GeneratedDump()
            switch format {
            case .envelope: dump.append("{\"object\": \"list\", \"url\": \"/v1/charges\",\n \"data\": [\n")
            case .array: dump.append("[\n")
            case .ndjson: break
            }
            var index = 0
            while dump.bytes.count < megabytes << 20 {
                if index > 0 { dump.append(format == .ndjson ? (index % 5 == 0 ? "\r\n\r\n" : "\n") : ",\n") }
                let padding = index == 40 ? 700_000 : random.next(12_000)
                dump.appendObject(object(index, padding: padding, random: &random))
                index += 1
            }
            switch format {
            case .envelope: dump.append("\n], \"has_more\": false}\n")
            case .array: dump.append("\n]\n")
            case .ndjson: dump.append("\n")
            }
            return dump
        }

        private func expectSame(_ actual: [DumpObject], _ expected: [DumpObject], _ context: String) {
            #expect(actual.count == expected.count, "\(context)")
            for (got, want) in zip(actual, expected) where got != want {
                Issue.record("\(context): object at \(want.byteOffset) line \(want.line) came back at \(got.byteOffset) line \(got.line), \(got.bytes.count) bytes instead of \(want.bytes.count)")
                return
            }
        }

        @Test("a multi-megabyte dump with objects straddling 1 MiB chunks comes back exactly", arguments: DumpFormat.allCases)
        func largeFile(format: DumpFormat) throws {
            let dump = Self.generate(format, megabytes: 5)
            let chunk = DumpReader.defaultChunkSize
            #expect(dump.bytes.count > 5 * chunk)
            let straddling = dump.objects.filter { $0.byteOffset / chunk != ($0.byteOffset + $0.bytes.count - 1) / chunk }
            #expect(straddling.count >= 4)
            #expect(dump.objects.contains { $0.bytes.count > chunk })
            let folder = try TempFolder()
            let path = try folder.write("large.json", bytes: dump.bytes)
            let (objects, detected) = try read(path)
            #expect(detected == format)
            expectSame(objects, dump.objects, "\(format)")
            for object in objects.prefix(50) {
                #expect(try JSONParser.parse(object.bytes)["object"]?.stringValue == "charge")
            }
        }

        @Test("small chunk sizes give the same objects as the default", arguments: [1, 2, 3, 4, 5, 7, 11, 13, 64, 1000])
        func smallChunks(chunkSize: Int) throws {
            let folder = try TempFolder()
            for format in DumpFormat.allCases {
                var random = Random(state: UInt64(chunkSize))
                var dump = GeneratedDump()
                if format == .array { dump.append(" [ ") }
                if format == .envelope { dump.append("{\"has_more\":false,\"data\":[\r\n") }
                for index in 0..<12 {
                    if index > 0 { dump.append(format == .ndjson ? "\r\n\n" : " ,\r\n") }
                    dump.appendObject(Self.object(index, padding: random.next(40), random: &random))
                }
                if format == .array { dump.append("]") }
                if format == .envelope { dump.append("],\"url\":\"/v1/x\",\"object\":\"list\"}") }
                let path = try folder.write("small-\(format).json", bytes: dump.bytes)
                let (objects, detected) = try read(path, chunkSize: chunkSize)
                #expect(detected == format)
                expectSame(objects, dump.objects, "\(format) chunk \(chunkSize)")
            }
        }

        @Test("gzip-compressed dumps of every form are decompressed while streaming", arguments: DumpFormat.allCases)
        func gzipForms(format: DumpFormat) throws {
            let dump = Self.generate(format, megabytes: 2, seed: 7)
            let folder = try TempFolder()
            let compressed = try gzip(try folder.write("charges.json", bytes: dump.bytes))
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/charges.json"))
            let reader = try DumpReader(path: compressed)
            #expect(reader.isCompressed)
            var objects: [DumpObject] = []
            try reader.forEach { objects.append($0) }
            #expect(reader.format == format)
            expectSame(objects, dump.objects, "gzip \(format)")
        }

        @Test("a corrupt or truncated .gz file is a dumpFile error naming the file")
        func corruptGzip() throws {
            let folder = try TempFolder()
            let garbage = try folder.write("bad.json.gz", "this is not gzip data {}")
            do {
                try DumpReader(path: garbage).forEach { _ in }
                Issue.record("expected an error for \(garbage)")
            } catch LoaderError.dumpFile(let file, let reason) {
                #expect(file == garbage)
                #expect(reason.contains("gzip"))
            }

            let dump = Self.generate(.ndjson, megabytes: 1, seed: 3)
            let whole = try gzip(try folder.write("cut.json", bytes: dump.bytes))
            let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: whole)))
            let truncated = try folder.write("truncated.json.gz", bytes: Array(compressed.prefix(compressed.count / 2)))
            var emitted = 0
            do {
                try DumpReader(path: truncated).forEach { _ in emitted += 1 }
                Issue.record("expected an error for \(truncated)")
            } catch LoaderError.dumpFile(let file, let reason) {
                #expect(file == truncated)
                #expect(reason.contains("gzip"))
            }
            #expect(emitted > 0)
            #expect(emitted < dump.objects.count)

            #expect(throws: LoaderError.dumpFile(file: folder.path + "/missing.json.gz",
                                                 reason: "cannot open: No such file or directory")) {
                try DumpReader(path: folder.path + "/missing.json.gz")
            }
        }

        @Test("stopping early on a .gz file stops gzip cleanly")
        func gzipEarlyStop() throws {
            struct Stop: Error {}
            let dump = Self.generate(.array, megabytes: 3, seed: 9)
            let folder = try TempFolder()
            let compressed = try gzip(try folder.write("early.json", bytes: dump.bytes))
            let reader = try DumpReader(path: compressed)
            var seen = 0
            #expect(throws: Stop.self) {
                try reader.forEach { _ in
                    seen += 1
                    if seen == 3 { throw Stop() }
                }
            }
            #expect(seen == 3)
            var count = 0
            try reader.forEach { _ in count += 1 }
            #expect(count == dump.objects.count)
        }
    }
}
