/// Buffers rows in COPY text format and sends them to the server in large chunks.
///
/// Obtained from `PGConnection.copyIn`; fields are escaped here, so callers pass plain values.
public final class PGCopyWriter {
    private unowned let connection: PGConnection
    private var text: PGCopyText
    private let chunkSize = 256 * 1024

    init(connection: PGConnection) {
        self.connection = connection
        text = PGCopyText(capacity: chunkSize + 64 * 1024)
    }

    /// Writes one row: each field is escaped for COPY's text format; `nil` is written as NULL.
    public func writeRow(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { text.appendSeparator() }
            text.appendField(field)
        }
        try endRow()
    }

    /// Starts a row field by field: call `appendField`/`appendBytesField` for each, then `endRow`.
    public func appendField(_ field: String?) {
        text.appendField(field)
    }

    /// Appends a field given as UTF-8 bytes.
    public func appendBytesField(_ bytes: UnsafeBufferPointer<UInt8>) {
        text.appendBytesField(bytes)
    }

    /// Appends the tab that separates two fields.
    public func appendSeparator() {
        text.appendSeparator()
    }

    /// Ends the current row started with `appendField`.
    public func endRow() throws {
        text.endRow()
        if text.bytes.count >= chunkSize { try flush() }
    }

    /// Appends whole rows through `encode`, which writes them into the writer's text; sends a
    /// chunk once enough is buffered.
    public func encode(_ encode: (inout PGCopyText) -> Void) throws {
        encode(&text)
        if text.bytes.count >= chunkSize { try flush() }
    }

    /// Sends complete rows encoded elsewhere (a `PGCopyText`'s bytes, or a slice of them that
    /// starts and ends at row boundaries), after whatever is buffered.
    public func write(encoded bytes: ArraySlice<UInt8>) throws {
        try flush()
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = min(bytes.endIndex, start + chunkSize)
            try bytes[start..<end].withUnsafeBytes { try connection.putCopyData($0) }
            start = end
        }
    }

    /// Sends whatever is buffered.
    public func flush() throws {
        guard !text.bytes.isEmpty else { return }
        try text.bytes.withUnsafeBytes { try connection.putCopyData($0) }
        text.removeAll()
    }
}
