import Foundation

/// Reads, parses and transforms a dump file on a thread of its own, handing batches to the
/// caller through a bounded queue, so parsing on one core overlaps loading on the server's.
final class ParsingPipeline {
    private let queue: BatchQueue
    private let finished = DispatchSemaphore(value: 0)
    private var done = false
    private var stopped = false

    /// Starts reading `file` for `spec` in batches of `batchSize` objects.
    init(file: String, spec: ResourceSpec, batchSize: Int, depth: Int = 2) {
        let queue = BatchQueue(capacity: depth)
        self.queue = queue
        let stager = ObjectStager(spec: spec, file: file)
        let finished = self.finished
        let thread = Thread {
            defer { finished.signal() }
            ParsingPipeline.produce(file: file, stager: stager, batchSize: batchSize, queue: queue)
        }
        // Deeply nested JSON recurses in the parser: give the thread a generous stack.
        thread.stackSize = 16 << 20
        thread.start()
    }

    deinit {
        stop()
    }

    /// The next batch and the number of objects read so far, or nil at the end of the file.
    /// Throws what reading or parsing threw.
    func next() throws -> (StagingBuffer, read: Int)? {
        guard !done else { return nil }
        switch queue.take() {
        case .batch(let buffer, let read):
            return (buffer, read)
        case .finished:
            done = true
            return nil
        case .failed(let error):
            done = true
            throw error
        }
    }

    /// Cancels the reading thread (if still running) and waits for it to end.
    func stop() {
        guard !stopped else { return }
        stopped = true
        done = true
        queue.cancel()
        finished.wait()
    }

    private static func produce(file: String, stager: ObjectStager, batchSize: Int, queue: BatchQueue) {
        struct Cancelled: Error {}
        var buffer = StagingBuffer()
        var seq: Int64 = 0
        var read = 0
        do {
            let reader = try DumpReader(path: file)
            try reader.forEach { object in
                seq += 1
                read += 1
                try stager.stage(object, seq: seq, into: &buffer)
                if buffer.objectCount >= batchSize {
                    guard queue.put(.batch(buffer, read: read)) else { throw Cancelled() }
                    buffer = StagingBuffer()
                }
            }
            guard queue.put(.batch(buffer, read: read)) else { return }
            queue.put(.finished)
        } catch let error as LoaderError {
            queue.put(.failed(error))
        } catch is Cancelled {
            return
        } catch {
            queue.put(.failed(.dumpFile(file: file, reason: "\(error)")))
        }
    }
}
