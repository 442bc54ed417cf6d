import Foundation
import StripeJSON
import StripeSchema

/// Reads a dump file on one thread and parses, transforms and hashes its objects on several,
/// handing staged batches to the caller in file order through a bounded window — so parsing
/// uses the cores the database server leaves free, and memory stays bounded.
final class ParsingPipeline: @unchecked Sendable {
    /// What a batch slot ends up holding.
    private enum Slot {
        case batch(StagingBuffer, read: Int, bytes: Int)
        case finished
        case failed(LoaderError)
    }

    /// A batch of objects as read, waiting for a stager.
    private struct RawBatch {
        var index: Int
        var objects: [DumpObject]
        var firstSeq: Int64
        var read: Int
        /// Bytes of the (decompressed) file read up to the end of the batch's last object.
        var bytes: Int
    }

    private let condition = NSCondition()
    private var raw: [RawBatch] = []
    private var slots: [Int: Slot] = [:]
    private var nextToRead = 0
    private var nextToHand = 0
    private var readerDone = false
    private var cancelled = false
    private let window: Int
    private let threads = DispatchGroup()
    private var done = false
    private var stopped = false

    /// Starts reading `file` for `spec` in batches of `batchSize` objects, staged on `stagers`
    /// threads (default: one per core), at most `window` batches ahead of the caller.
    /// Objects over `maxObjectSize` bytes are skipped and staged as rejects. With `encode`, the
    /// staging threads also encode each batch's live rows for COPY (`StagingBuffer.encoded`).
    init(file: String, spec: ResourceSpec, batchSize: Int, stagers: Int = ProcessInfo.processInfo.activeProcessorCount,
         window: Int? = nil, maxObjectSize: Int = DumpReader.defaultMaxObjectSize, encode: Bool = false) {
        let stagerCount = max(1, stagers)
        self.window = window ?? stagerCount + 1
        let stager = ObjectStager(spec: spec, file: file, maxObjectSize: maxObjectSize)
        let childTables = encode ? spec.children.count : nil
        startThread { [self] in read(file: file, batchSize: batchSize, maxObjectSize: maxObjectSize) }
        for _ in 0..<stagerCount {
            startThread { [self] in stage(with: stager, encodingChildTables: childTables) }
        }
    }

    deinit {
        stop()
    }

    /// The next batch, the number of objects and of (decompressed) bytes read so far, or nil at
    /// the end of the file. Throws what reading or parsing threw, at the place in the file where it happened.
    func next() throws -> (buffer: StagingBuffer, read: Int, bytes: Int)? {
        guard !done else { return nil }
        condition.lock()
        while slots[nextToHand] == nil { condition.wait() }
        let slot = slots.removeValue(forKey: nextToHand)!
        nextToHand += 1
        condition.broadcast()
        condition.unlock()
        switch slot {
        case .batch(let buffer, let read, let bytes):
            return (buffer, read, bytes)
        case .finished:
            done = true
            return nil
        case .failed(let error):
            done = true
            throw error
        }
    }

    /// Cancels the reading and staging threads (if still running) and waits for them to end.
    func stop() {
        guard !stopped else { return }
        stopped = true
        done = true
        condition.lock()
        cancelled = true
        raw.removeAll()
        condition.broadcast()
        condition.unlock()
        threads.wait()
    }

    private func startThread(_ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let group = threads
        let thread = Thread {
            body()
            group.leave()
        }
        // Deeply nested JSON recurses in the parser: give the threads a generous stack.
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Places `slot` at `index`, unless cancelled.
    private func deliver(_ slot: Slot, at index: Int) {
        condition.lock()
        if !cancelled { slots[index] = slot }
        condition.broadcast()
        condition.unlock()
    }

    /// The reading thread: splits the file into batches, waiting while the window is full. The
    /// first batches are smaller (an eighth of `batchSize`, doubling up to it), so the server
    /// gets its first rows soon after the file opens instead of after a whole batch was parsed.
    private func read(file: String, batchSize: Int, maxObjectSize: Int) {
        struct Cancelled: Error {}
        var limit = ParsingPipeline.firstBatchSize(batchSize)
        var objects: [DumpObject] = []
        var objectBytes = 0
        var seq: Int64 = 0
        var firstSeq: Int64 = 1
        var bytes = 0
        let enqueue = { [self] (final: Bool) throws in
            condition.lock()
            defer { condition.unlock() }
            while nextToRead - nextToHand >= window && !cancelled { condition.wait() }
            if cancelled { throw Cancelled() }
            raw.append(RawBatch(index: nextToRead, objects: objects, firstSeq: firstSeq, read: Int(seq), bytes: bytes))
            nextToRead += 1
            if final { readerDone = true }
            condition.broadcast()
        }
        do {
            let reader = try DumpReader(path: file, maxObjectSize: maxObjectSize)
            try reader.forEach(deliveringOversized: true) { object in
                seq += 1
                bytes = object.byteOffset + (object.oversizedLength ?? object.bytes.count)
                objects.append(object)
                objectBytes += object.bytes.count
                if objects.count >= limit || objectBytes >= ParsingPipeline.batchByteLimit {
                    try enqueue(false)
                    objects = []
                    objectBytes = 0
                    firstSeq = seq + 1
                    limit = min(batchSize, limit * 2)
                }
            }
            try enqueue(true)
            condition.lock()
            let index = nextToRead
            nextToRead += 1
            condition.unlock()
            deliver(.finished, at: index)
        } catch is Cancelled {
            return
        } catch {
            let failure = (error as? LoaderError) ?? .dumpFile(file: file, reason: "\(error)")
            condition.lock()
            let index = nextToRead
            nextToRead += 1
            readerDone = true
            condition.broadcast()
            condition.unlock()
            deliver(.failed(failure), at: index)
        }
    }

    /// The most object bytes in one batch, whatever `batchSize` allows: a batch of large objects
    /// ends sooner, so the batches in flight hold about the same memory whatever the objects' size.
    static let batchByteLimit = 2 << 20

    /// The size of a file's first batch for batches of `batchSize`: an eighth of it, at least one.
    static func firstBatchSize(_ batchSize: Int) -> Int {
        max(1, batchSize / 8)
    }

    /// A staging thread: turns raw batches into staged ones until the reader is done, encoding
    /// their live rows for COPY when `encodingChildTables` gives their child tables' count.
    private func stage(with stager: ObjectStager, encodingChildTables: Int?) {
        while true {
            condition.lock()
            while raw.isEmpty && !readerDone && !cancelled { condition.wait() }
            if cancelled || raw.isEmpty {
                condition.unlock()
                return
            }
            let batch = raw.removeFirst()
            condition.unlock()
            var buffer = StagingBuffer()
            do {
                for (offset, object) in batch.objects.enumerated() {
                    try stager.stage(object, seq: batch.firstSeq + Int64(offset), into: &buffer)
                }
                if let encodingChildTables {
                    buffer.encoded = EncodedRows(buffer.live, childTables: encodingChildTables)
                }
                deliver(.batch(buffer, read: batch.read, bytes: batch.bytes), at: batch.index)
            } catch {
                deliver(.failed(error), at: batch.index)
            }
        }
    }
}
