/// Rows in COPY's text format, built up field by field: fields are escaped here, so callers
/// append plain values. A value type with no connection, so rows can be encoded on any thread
/// and handed to `PGCopyWriter.write(encoded:)` later.
public struct PGCopyText: Sendable {
    /// The encoded rows so far, each ending in a newline.
    public private(set) var bytes: [UInt8] = []

    /// An empty text with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends one field, escaped; `nil` is written as NULL.
    public mutating func appendField(_ field: String?) {
        guard var field else {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "N"))
            return
        }
        field.withUTF8 { appendBytesField($0) }
    }

    /// Appends one field given as UTF-8 bytes, escaped.
    public mutating func appendBytesField(_ field: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var index = 0
        let count = field.count
        while index < count {
            let byte = field[index]
            if byte == 0x5c || byte == 0x0a || byte == 0x0d || byte == 0x09 {
                if index > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[start..<index])) }
                bytes.append(0x5c)
                switch byte {
                case 0x5c: bytes.append(0x5c)
                case 0x0a: bytes.append(UInt8(ascii: "n"))
                case 0x0d: bytes.append(UInt8(ascii: "r"))
                default: bytes.append(UInt8(ascii: "t"))
                }
                start = index + 1
            }
            index += 1
        }
        if count > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[start..<count])) }
    }

    /// Appends the tab that separates two fields.
    public mutating func appendSeparator() {
        bytes.append(0x09)
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(0x0a)
    }

    /// Empties the text, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}
