/// One top-level Stripe object of a dump, as its exact original bytes.
public struct DumpObject: Sendable, Equatable {
    /// The object's bytes exactly as they appear in the (decompressed) file, `{` to `}`.
    public let bytes: [UInt8]
    /// The 0-based byte offset of the object's `{` in the (decompressed) stream.
    public let byteOffset: Int
    /// The 1-based line of the object's `{` in the (decompressed) stream.
    public let line: Int

    /// An object with the given bytes and position.
    public init(bytes: [UInt8], byteOffset: Int, line: Int) {
        self.bytes = bytes
        self.byteOffset = byteOffset
        self.line = line
    }
}
