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
                for (index, value) in row.values.enumerated() {
                    if index > 0 { writer.appendSeparator() }
                    writer.appendField(value)
                }
                writer.appendSeparator()
                row.raw.withUnsafeBufferPointer { writer.appendBytesField($0) }
                writer.appendSeparator()
                writer.appendField(row.hash)
                writer.appendSeparator()
                writer.appendField(row.deleted ? "t" : "f")
                if withSeq {
                    writer.appendSeparator()
                    writer.appendField(String(row.seq))
                }
                if withPlace {
                    writer.appendSeparator()
                    writer.appendField(String(row.line))
                    writer.appendSeparator()
                    writer.appendField(String(row.offset))
                }
                try writer.endRow()
            }
        }
    }

    /// Copies the rows' children of child table `childIndex` into `table` (plus the parent's `_seq`).
    func children(_ rows: [StagingBuffer.LiveRow], childIndex: Int, into table: String, withSeq: Bool) throws {
        guard rows.contains(where: { !$0.children[childIndex].isEmpty }) else { return }
        let columns = spec.children[childIndex].copyColumns + (withSeq ? ["_seq"] : [])
        try connection.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
            for row in rows {
                for childRow in row.children[childIndex] {
                    for (index, value) in childRow.enumerated() {
                        if index > 0 { writer.appendSeparator() }
                        writer.appendField(value)
                    }
                    if withSeq {
                        writer.appendSeparator()
                        writer.appendField(String(row.seq))
                    }
                    try writer.endRow()
                }
            }
        }
    }
}
