import Postgres
import StripeSchema

/// A batch's live rows, and their child rows, already encoded as the COPY text that inserts
/// them into their own tables (no `_seq`, no place): made on a staging thread on a first load,
/// where nearly every object is new, so the thread that talks to the server only sends bytes.
struct EncodedRows: Sendable {
    /// The live rows, one COPY row each, in the batch's order.
    private var live = PGCopyText()
    /// For each child table, the child rows of every live row in the batch's order.
    private var children: [PGCopyText]
    /// No two live rows of the batch have the same id.
    private(set) var distinctIDs = true

    /// Encodes `rows`, whose objects have `childTables` child tables.
    init(_ rows: [StagingBuffer.LiveRow], childTables: Int) {
        children = Array(repeating: PGCopyText(), count: childTables)
        var ids = Set<String>(minimumCapacity: rows.count)
        for row in rows {
            if distinctIDs && !ids.insert(row.id).inserted { distinctIDs = false }
            RowCopy.encode(row, into: &live, withSeq: false, withPlace: false)
            for index in 0..<childTables {
                RowCopy.encodeChildren(of: row, childIndex: index, into: &children[index], withSeq: false)
            }
        }
    }

    /// The text of every live row.
    var allLive: ArraySlice<UInt8> { live.bytes[...] }

    /// The text of every child row of child table `childIndex`.
    func allChildren(_ childIndex: Int) -> ArraySlice<UInt8> { children[childIndex].bytes[...] }
}
