/// Serialized objects of one resource, laid out for a `SyntheticDumpFormat`: each object is
/// followed by a newline (NDJSON) or preceded by `,\n` (array and envelope; the file writer
/// drops the separator before a file's first object).
struct SyntheticObjectBuffer: Sendable {
    /// The layout.
    let format: SyntheticDumpFormat
    /// The serialized text.
    var bytes: [UInt8] = []
    /// Objects in `bytes`.
    var count = 0

    /// An empty buffer for `format`.
    init(format: SyntheticDumpFormat) {
        self.format = format
    }

    /// Serializes and appends one object.
    mutating func append(_ object: SyntheticJSON) {
        if format != .ndjson {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        }
        SyntheticJSONWriter.append(object, to: &bytes)
        if format == .ndjson { bytes.append(UInt8(ascii: "\n")) }
        count += 1
    }

    /// Empties the buffer, keeping its capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        count = 0
    }
}
