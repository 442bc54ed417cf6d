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

extension DumpObject {
    /// The object parsed; malformed JSON throws `LoaderError.malformedJSON` naming `file`, the
    /// absolute offset and line of the problem, and the reason.
    func parsed(file: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw LoaderError.malformedJSON(
                file: file, offset: byteOffset + error.offset,
                line: RawText.line(of: error.offset, in: bytes, startLine: line), reason: error.reason)
        }
    }
}
