/// Buffers rows in COPY text format and sends them to the server in large chunks.
///
/// Obtained from `PGConnection.copyIn`; fields are escaped here, so callers pass plain values.
public final class PGCopyWriter {
    private unowned let connection: PGConnection
    private var buffer: [UInt8] = []
    private let chunkSize = 256 * 1024
    /// Rows written so far.
    public private(set) var rowCount = 0

    init(connection: PGConnection) {
        self.connection = connection
        buffer.reserveCapacity(chunkSize + 64 * 1024)
    }

    /// Writes one row: each field is escaped for COPY's text format; `nil` is written as NULL.
    public func writeRow(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(0x09) }
            appendField(field)
        }
        buffer.append(0x0a)
        rowCount += 1
        if buffer.count >= chunkSize { try flush() }
    }

    /// Starts a row field by field: call `appendField`/`appendBytesField` for each, then `endRow`.
    public func appendField(_ field: String?) {
        guard var field else {
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
            return
        }
        field.withUTF8 { appendEscaped($0) }
    }

    /// Appends a field given as UTF-8 bytes.
    public func appendBytesField(_ bytes: UnsafeBufferPointer<UInt8>) {
        appendEscaped(bytes)
    }

    /// Appends the tab that separates two fields.
    public func appendSeparator() {
        buffer.append(0x09)
    }

    /// Ends the current row started with `appendField`.
    public func endRow() throws {
        buffer.append(0x0a)
        rowCount += 1
        if buffer.count >= chunkSize { try flush() }
    }

    /// Sends whatever is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try connection.putCopyData($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x5c || byte == 0x0a || byte == 0x0d || byte == 0x09 {
                if index > start { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                buffer.append(0x5c)
                switch byte {
                case 0x5c: buffer.append(0x5c)
                case 0x0a: buffer.append(UInt8(ascii: "n"))
                case 0x0d: buffer.append(UInt8(ascii: "r"))
                default: buffer.append(UInt8(ascii: "t"))
                }
                start = index + 1
            }
            index += 1
        }
        if count > start { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }
}
