/// Streams one dump file and hands out each top-level Stripe object as its exact original bytes.
///
/// The form is detected from the content (see `DumpFormat`): a Stripe list envelope (the
/// elements of its `data` array are emitted; its other members are ignored wherever they are),
/// a plain array of objects, or newline-delimited / concatenated objects. A top-level object
/// whose `data` member is an array is an envelope; any other top-level object is emitted itself.
/// Files whose name ends in `.gz` are decompressed through `gzip -dc` as they are read.
///
/// The file is read in 1 MiB chunks and only the unfinished object is kept between chunks, so
/// memory stays bounded whatever the file size. Structural problems throw
/// `LoaderError.malformedJSON` with the absolute byte offset and line; unreadable files throw
/// `LoaderError.dumpFile`.
public final class DumpReader {
    /// The size of each read from the file or the decompressor.
    public static let defaultChunkSize = 1 << 20

    /// The dump file.
    public let path: String
    /// The form of the dump, known once `forEach` has seen the start of its content; nil
    /// before that and for an empty file.
    public private(set) var format: DumpFormat?
    /// The size of each read.
    let chunkSize: Int

    /// A reader for `path`; throws `LoaderError.dumpFile` when the file is missing or unreadable.
    public convenience init(path: String) throws {
        try self.init(path: path, chunkSize: DumpReader.defaultChunkSize)
    }

    /// A reader that reads `chunkSize` bytes at a time (small sizes exercise chunk boundaries in tests).
    init(path: String, chunkSize: Int) throws {
        precondition(chunkSize > 0, "DumpReader: chunk size must be positive")
        let probe = try FileByteSource(path: path)
        probe.close()
        self.path = path
        self.chunkSize = chunkSize
    }

    /// Whether the file is gzip-compressed (its name ends in `.gz`).
    public var isCompressed: Bool {
        path.lowercased().hasSuffix(".gz")
    }

    /// Reads the file from the start and calls `body` with each object, in file order.
    /// Errors thrown by `body` stop the reading and are rethrown.
    public func forEach(_ body: (DumpObject) throws -> Void) throws {
        format = nil
        let source: DumpByteSource = isCompressed ? try GzipByteSource(path: path) : try FileByteSource(path: path)
        defer { source.close() }
        let scanner = DumpScanner(source: source, path: path, chunkSize: chunkSize)
        try scanner.scan(onFormat: { self.format = $0 }, body)
    }
}
