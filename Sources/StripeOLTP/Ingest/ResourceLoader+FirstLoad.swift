import Foundation
import Postgres
import StripeJSON
import StripeSchema

/// A first load's fast path: while the tables started empty, consecutive batches go to the
/// server through one COPY, so the server never waits at a batch's end for the client to close
/// one statement and open the next. The staging thread has already encoded the rows; what
/// cannot share the stream (child rows, placeholders, rejects, embedded objects) is held in a
/// `FirstLoadSegment` and written when the stream ends. A batch that needs the careful path (an
/// id seen before, a deletion marker, an id twice in the batch) ends the stream and is flushed
/// on its own. If the server refuses an object, the stream has no savepoint per batch to find
/// it by: the file's load is rolled back and done again batch by batch, where the refused
/// object is found and rejected alone.
extension ResourceLoader {
    /// Loads `file` through COPY streams, falling back to the batch-by-batch load when the
    /// server refuses a value.
    func streamFirstLoad(file: String, summary: inout ResourceSummary) throws {
        let knownBefore = known.snapshot()
        let stagedBefore = embedded?.stagedIDs()
        do {
            try connection.savepoint("first_load_stream") {
                let pipeline = makePipeline(file: file, encode: true)
                defer { pipeline.stop() }
                try streamSegments(pipeline, file: file, summary: &summary)
            }
        } catch let error as PGError where Self.isRefusedValue(error) {
            known.restore(knownBefore)
            if let stagedBefore { embedded?.restore(stagedIDs: stagedBefore) }
            forward?.forget(source: spec.resource)
            summary = ResourceSummary(resource: spec.resource, file: file)
            try streamBatches(file: file, summary: &summary)
        }
    }

    /// One batch from the pipeline, with the objects and bytes read up to its end.
    private typealias Batch = (buffer: StagingBuffer, read: Int, bytes: Int)

    /// Sends the file's batches: runs of batches that can share a stream through one COPY each,
    /// the others one by one.
    private func streamSegments(_ pipeline: ParsingPipeline, file: String, summary: inout ResourceSummary) throws {
        var carried = try pipeline.next()
        while let first = carried {
            carried = nil
            guard canStream(first.buffer) else {
                var buffer = first.buffer
                summary.read = first.read
                try flush(&buffer, file: file, summary: &summary)
                progress(first.read, first.bytes)
                carried = try pipeline.next()
                continue
            }
            var segment = FirstLoadSegment(childTables: spec.children.count, batchSize: batchSize)
            var fileEnded = false
            let columns = spec.copyColumns.joined(separator: ", ")
            _ = try connection.copyIn("COPY \(spec.resource.table) (\(columns)) FROM STDIN") { writer in
                var next: Batch? = first
                while let batch = next {
                    guard canStream(batch.buffer) else {
                        carried = batch
                        return
                    }
                    try send(batch.buffer, to: writer, into: &segment, file: file)
                    summary.read = batch.read
                    progress(batch.read, batch.bytes)
                    if segment.isFull { return }
                    next = try pipeline.next()
                    if next == nil { fileEnded = true }
                }
            }
            try write(segment, file: file, summary: &summary)
            if carried == nil && !fileEnded { carried = try pipeline.next() }
        }
    }

    /// Whether `buffer` can go through the stream: encoded by the staging thread, every id new
    /// to the run and none twice, no deletion marker.
    private func canStream(_ buffer: StagingBuffer) -> Bool {
        guard let encoded = buffer.encoded, encoded.distinctIDs, buffer.deletions.isEmpty, !known.overflowed else { return false }
        return !buffer.live.contains { known.contains($0.id, in: spec.resource) }
    }

    /// Sends `buffer`'s rows into the open COPY and keeps what must wait for the stream's end.
    private func send(_ buffer: StagingBuffer, to writer: PGCopyWriter, into segment: inout FirstLoadSegment, file: String) throws {
        try checkLivemode(buffer.live, file: file)
        guard let encoded = buffer.encoded else { preconditionFailure("only encoded batches are streamed") }
        try writer.write(encoded: encoded.allLive)
        // While the server takes in the rows, the run's bookkeeping is done here.
        known.insert(buffer.live.lazy.map(\.id), in: spec.resource)
        for (target, ids) in placeholderCandidates(for: buffer.live) { segment.wanted[target, default: []].formUnion(ids) }
        for index in spec.children.indices { segment.children[index].append(contentsOf: encoded.allChildren(index)) }
        segment.inserted += buffer.live.count
        segment.childRows += buffer.live.reduce(0) { total, row in total + row.children.reduce(0) { $0 + $1.count } }
        segment.rejects += buffer.rejects
        segment.embedded += buffer.embedded
        release(buffer)
    }

    /// Writes what a stream left for its end, and counts it.
    private func write(_ segment: FirstLoadSegment, file: String, summary: inout ResourceSummary) throws {
        let copy = RowCopy(connection: connection, spec: spec)
        for (index, text) in segment.children.enumerated() {
            try copy.children(encoded: text, childIndex: index)
        }
        summary.inserted += segment.inserted
        summary.childRows += segment.childRows
        summary.placeholdersCreated += try createPlaceholders(segment.wanted)
        var rejects = segment.rejects
        if !segment.embedded.isEmpty, let embedded { rejects += try embedded.stage(segment.embedded) }
        if !rejects.isEmpty {
            summary.rejected += rejects.count
            try writeRejects(rejects, file: file)
        }
    }
}
