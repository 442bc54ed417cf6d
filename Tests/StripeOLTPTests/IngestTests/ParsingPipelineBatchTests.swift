import Foundation
@testable import StripeOLTP
import TestSupport
import Testing

/// How the parsing pipeline cuts a dump file into batches (pure: no database).
@Suite("Parsing pipeline batches")
struct ParsingPipelineBatchTests {
    @Test("a file's first batches ramp up from an eighth of the batch size, then stay at it")
    func firstBatchesRampUp() throws {
        try TestEnvironment.withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("customers.json")
            let lines = (1...100).map { #"{"id":"cus_\#($0)","object":"customer"}"# }
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            let pipeline = ParsingPipeline(file: file.path, spec: .of(.customers), batchSize: 16, stagers: 1)
            defer { pipeline.stop() }
            var sizes: [Int] = []
            var reads: [Int] = []
            while let (batch, read) = try pipeline.next() {
                sizes.append(batch.live.count)
                reads.append(read)
            }
            #expect(sizes == [2, 4, 8, 16, 16, 16, 16, 16, 6])
            #expect(reads.last == 100)
            #expect(ParsingPipeline.firstBatchSize(2000) == 250)
            #expect(ParsingPipeline.firstBatchSize(3) == 1)
        }
    }
}
