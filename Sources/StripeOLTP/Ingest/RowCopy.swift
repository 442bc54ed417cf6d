import Postgres
import StripeSchema

/// The COPY statements that send staged rows of one resource (and its child rows) to a table:
/// the resource's own table, or a staging table shaped like it with a trailing `_seq`.
struct RowCopy {
    let connection: PGConnection
    let spec: ResourceSpec

    /// Copies live rows into `table` in `ResourceSpec.copyColumns` order, plus `_seq` when
    /// `withSeq` and the object's `_line` and `_offset` in its file when `withPlace`. Runs
    /// `whileSending` once every row is sent, while the server may still be taking them in.
    func live(_ rows: [StagingBuffer.LiveRow], into table: String, withSeq: Bool, withPlace: Bool = false,
              whileSending: () -> Void = {}) throws {
        let columns = spec.copyColumns + (withSeq ? ["_seq"] : []) + (withPlace ? ["_line", "_offset"] : [])
        try connection.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
            for row in rows {
                try writer.encode { Self.encode(row, into: &$0, withSeq: withSeq, withPlace: withPlace) }
            }
            try writer.flush()
            whileSending()
        }
    }

    /// Copies rows encoded beforehand by `encode(_:into:withSeq:withPlace:)`, without `_seq` or
    /// place, into the resource's own table, given as `slices` of encoded text; runs
    /// `whileSending` once they are sent.
    func live(encoded slices: [ArraySlice<UInt8>], whileSending: () -> Void = {}) throws {
        try connection.copyIn("COPY \(spec.resource.table) (\(spec.copyColumns.joined(separator: ", "))) FROM STDIN") { writer in
            for slice in slices {
                try writer.write(encoded: slice)
            }
            whileSending()
        }
    }

    /// Copies the rows' children of child table `childIndex` into `table` (plus the parent's `_seq`).
    func children(_ rows: [StagingBuffer.LiveRow], childIndex: Int, into table: String, withSeq: Bool) throws {
        guard rows.contains(where: { !$0.children[childIndex].isEmpty }) else { return }
        let columns = spec.children[childIndex].copyColumns + (withSeq ? ["_seq"] : [])
        try connection.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
            for row in rows where !row.children[childIndex].isEmpty {
                try writer.encode { Self.encodeChildren(of: row, childIndex: childIndex, into: &$0, withSeq: withSeq) }
            }
        }
    }

    /// Copies child rows of child table `childIndex` encoded beforehand (without `_seq`) into
    /// the child table, as `slices` of one text; nothing when the slices are empty.
    func children(encoded slices: [ArraySlice<UInt8>], childIndex: Int) throws {
        guard slices.contains(where: { !$0.isEmpty }) else { return }
        let child = spec.children[childIndex]
        try connection.copyIn("COPY \(child.table) (\(child.copyColumns.joined(separator: ", "))) FROM STDIN") { writer in
            for slice in slices where !slice.isEmpty {
                try writer.write(encoded: slice)
            }
        }
    }

    /// Appends `row` as one COPY row in `ResourceSpec.copyColumns` order (plus `_seq`, and
    /// `_line` and `_offset`, when asked).
    static func encode(_ row: StagingBuffer.LiveRow, into text: inout PGCopyText, withSeq: Bool, withPlace: Bool) {
        for (index, value) in row.values.enumerated() {
            if index > 0 { text.appendSeparator() }
            text.appendField(value)
        }
        text.appendSeparator()
        row.raw.withUnsafeBufferPointer { text.appendBytesField($0) }
        text.appendSeparator()
        text.appendField(row.hash)
        text.appendSeparator()
        text.appendField(row.deleted ? "t" : "f")
        if withSeq {
            text.appendSeparator()
            text.appendField(String(row.seq))
        }
        if withPlace {
            text.appendSeparator()
            text.appendField(String(row.line))
            text.appendSeparator()
            text.appendField(String(row.offset))
        }
        text.endRow()
    }

    /// Appends `row`'s child rows of child table `childIndex`, one COPY row each (plus the
    /// parent's `_seq` when asked).
    static func encodeChildren(of row: StagingBuffer.LiveRow, childIndex: Int, into text: inout PGCopyText, withSeq: Bool) {
        for childRow in row.children[childIndex] {
            for (index, value) in childRow.enumerated() {
                if index > 0 { text.appendSeparator() }
                text.appendField(value)
            }
            if withSeq {
                text.appendSeparator()
                text.appendField(String(row.seq))
            }
            text.endRow()
        }
    }
}
