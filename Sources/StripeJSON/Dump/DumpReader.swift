/// Streams one dump file and hands out each top-level Stripe object as its exact original bytes.
///
/// The form is detected from the content (see `DumpFormat`): a Stripe list envelope (the
/// elements of its `data` array are emitted; its other members are ignored wherever they are),
/// a plain array of objects, or newline-delimited / concatenated objects. A top-level object
/// with the member `"object": "list"` is an envelope, whatever the order of its members; any
/// other top-level object is emitted itself, even one with a `data` array.
/// Files whose name ends in `.gz` are decompressed through `gzip -dc` as they are read.
///
/// The file is read in 1 MiB chunks and only the unfinished object is kept between chunks, so
/// memory stays bounded whatever the file size; one object may be at most `maxObjectSize`
/// bytes (see `forEach`). Only regular files are read: a FIFO, device or socket is refused
/// when the reader is made, so reading never waits on a writer. Structural problems throw
/// `LoaderError.malformedJSON` with the absolute byte offset and line; unreadable files throw
/// `LoaderError.dumpFile`.
public final class DumpReader {
    /// The size of each read from the file or the decompressor.
    public static let defaultChunkSize = 1 << 20
    /// The default limit on one object's size: far above any real Stripe object.
    public static let defaultMaxObjectSize = 64 << 20

    /// The dump file.
    public let path: String
    /// The form of the dump, known once `forEach` has seen the start of its content; nil
    /// before that and for an empty file.
    public private(set) var format: DumpFormat?
    /// The size of each read.
    let chunkSize: Int
    /// The largest object, in bytes, handed out whole.
    public let maxObjectSize: Int
    /// The largest buffers (bytes and bracket stack) `forEach` needed, in bytes (memory stays near this).
    private(set) var peakBufferSize = 0

    /// A reader for `path` with objects limited to `maxObjectSize` bytes; throws
    /// `LoaderError.dumpFile` when the file is missing, unreadable or not a regular file.
    public convenience init(path: String, maxObjectSize: Int = DumpReader.defaultMaxObjectSize) throws {
        try self.init(path: path, chunkSize: DumpReader.defaultChunkSize, maxObjectSize: maxObjectSize)
    }

    /// A reader that reads `chunkSize` bytes at a time (small sizes exercise chunk boundaries in tests).
    init(path: String, chunkSize: Int, maxObjectSize: Int = DumpReader.defaultMaxObjectSize) throws {
        precondition(chunkSize > 0, "DumpReader: chunk size must be positive")
        precondition(maxObjectSize > 0, "DumpReader: the object size limit must be positive")
        let probe = try FileByteSource(path: path)
        probe.close()
        self.path = path
        self.chunkSize = chunkSize
        self.maxObjectSize = maxObjectSize
    }

    /// Why an object at `byteOffset` (line `line`) of `length` bytes (nil: not known yet) is not
    /// read, for errors and reject records.
    public static func oversizedReason(byteOffset: Int, line: Int, length: Int?, limit: Int) -> String {
        let size = length.map { "is \($0) bytes, over" } ?? "goes over"
        return "the object at byte \(byteOffset) (line \(line)) \(size) the limit of \(limit) bytes on one object "
            + "(raise it with --max-object-size)"
    }

    /// Whether the file is gzip-compressed (its name ends in `.gz`).
    public var isCompressed: Bool {
        path.lowercased().hasSuffix(".gz")
    }

    /// Reads the file from the start and calls `body` with each object, in file order.
    /// Errors thrown by `body` stop the reading and are rethrown. An object over
    /// `maxObjectSize` bytes is skipped with bounded memory and, when `deliveringOversized`,
    /// handed to `body` as its first bytes with `oversizedLength` set; otherwise it throws
    /// `LoaderError.dumpFile` naming its byte offset.
    public func forEach(deliveringOversized: Bool = false, _ body: (DumpObject) throws -> Void) throws {
        var firstObjectIsList: Bool?
        while true {
            format = nil
            let source = try openSource()
            defer { source.close() }
            let scanner = DumpScanner(source: source, path: path, chunkSize: chunkSize, maxObjectSize: maxObjectSize,
                                      deliverOversized: deliveringOversized, firstObjectIsList: firstObjectIsList)
            defer { peakBufferSize = max(peakBufferSize, scanner.capacity + scanner.bracketCapacity) }
            do {
                try scanner.scan(onFormat: { self.format = $0 }, body)
                return
            } catch is DumpScanner.FirstObjectUndecided {
                // A big first object put `data` before `object`: find out its form, then read again.
                let probeSource = try openSource()
                defer { probeSource.close() }
                firstObjectIsList = try DumpScanner(source: probeSource, path: path, chunkSize: chunkSize).probeFirstObjectIsList()
            }
        }
    }

    private func openSource() throws -> DumpByteSource {
        isCompressed ? try GzipByteSource(path: path) : try FileByteSource(path: path)
    }
}
