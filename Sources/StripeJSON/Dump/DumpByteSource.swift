/// A stream of a dump file's (decompressed) bytes, read in chunks.
protocol DumpByteSource: AnyObject {
    /// Reads up to `count` bytes into `buffer`; returns how many were read, 0 at the end of the
    /// stream. Throws `LoaderError.dumpFile` when the file cannot be read or decompressed.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int
    /// Releases the file and any helper process; safe to call more than once.
    func close()
}
