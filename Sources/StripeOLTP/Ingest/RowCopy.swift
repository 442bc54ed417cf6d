import Postgres
import StripeSchema

/// The COPY statements that send staged rows of one resource (and its child rows) to a table:
/// the resource's own table, or a staging table shaped like it with a trailing `_seq`.
struct RowCopy {
    let connection: PGConnection
    let spec: ResourceSpec

    /// Copies live rows into `table` in `ResourceSpec.copyColumns` order, plus `_seq` when
    /// `withSeq` and the object's `_line` and `_offset` in its file when `withPlace`.
    func live(_ rows: [StagingBuffer.LiveRow], into table: String, withSeq: Bool, withPlace: Bool = false) throws {
        let columns = spec.copyColumns + (withSeq ? ["_seq"] : []) + (withPlace ? ["_line", "_offset"] : [])
        try connection.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
            for row in rows {
                try writer.encode { Self.encode(row, into: &$0, withSeq: withSeq, withPlace: withPlace) }
            }
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

    /// Copies child rows of child table `childIndex` encoded beforehand by
    /// `encodeChildren(of:childIndex:into:withSeq:)` without `_seq` into the child table;
    /// nothing when there are none.
    func children(encoded text: [UInt8], childIndex: Int) throws {
        guard !text.isEmpty else { return }
        let child = spec.children[childIndex]
        try connection.copyIn("COPY \(child.table) (\(child.copyColumns.joined(separator: ", "))) FROM STDIN") { writer in
            try writer.write(encoded: text[...])
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
