/// One top-level Stripe object of a dump, as its exact original bytes.
public struct DumpObject: Sendable, Equatable {
    /// The object's bytes exactly as they appear in the (decompressed) file, `{` to `}`; for an
    /// object over the reader's size limit, only its first bytes.
    public let bytes: [UInt8]
    /// The 0-based byte offset of the object's `{` in the (decompressed) stream.
    public let byteOffset: Int
    /// The 1-based line of the object's `{` in the (decompressed) stream.
    public let line: Int
    /// For an object over the reader's size limit (which was skipped, not kept), its full
    /// length in bytes; nil for an object whose bytes are all here.
    public let oversizedLength: Int?

    /// An object with the given bytes and position.
    public init(bytes: [UInt8], byteOffset: Int, line: Int, oversizedLength: Int? = nil) {
        self.bytes = bytes
        self.byteOffset = byteOffset
        self.line = line
        self.oversizedLength = oversizedLength
    }
}

extension DumpObject {
    /// The object parsed; malformed JSON throws `LoaderError.malformedJSON` naming `file`, the
    /// absolute offset and line of the problem, and the reason.
    package func parsed(file: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw LoaderError.malformedJSON(
                file: file, offset: byteOffset + error.offset,
                line: RawText.line(of: error.offset, in: bytes, startLine: line), reason: error.reason)
        }
    }
}
