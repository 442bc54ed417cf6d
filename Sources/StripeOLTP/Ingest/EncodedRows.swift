import Postgres
import StripeSchema

/// A batch's live rows, and their child rows, already encoded as the COPY text that inserts
/// them into their own tables (no `_seq`, no place): made on a staging thread on a first load,
/// where nearly every object is new, so the thread that talks to the server only sends bytes.
struct EncodedRows: Sendable {
    /// The live rows, one COPY row each, in the batch's order.
    private var live = PGCopyText()
    /// Where each live row's text ends in `live`.
    private var liveEnds: [Int] = []
    /// For each child table, the child rows of every live row in the batch's order.
    private var children: [PGCopyText]
    /// For each child table, where each live row's child rows end in its text.
    private var childEnds: [[Int]]
    /// No two live rows of the batch have the same id.
    private(set) var distinctIDs = true

    /// Encodes `rows`, whose objects have `childTables` child tables.
    init(_ rows: [StagingBuffer.LiveRow], childTables: Int) {
        children = Array(repeating: PGCopyText(), count: childTables)
        childEnds = Array(repeating: [], count: childTables)
        liveEnds.reserveCapacity(rows.count)
        var ids = Set<String>(minimumCapacity: rows.count)
        for row in rows {
            if distinctIDs && !ids.insert(row.id).inserted { distinctIDs = false }
            RowCopy.encode(row, into: &live, withSeq: false, withPlace: false)
            liveEnds.append(live.bytes.count)
            for index in 0..<childTables {
                RowCopy.encodeChildren(of: row, childIndex: index, into: &children[index], withSeq: false)
                childEnds[index].append(children[index].bytes.count)
            }
        }
    }

    /// How many live rows are encoded.
    var count: Int { liveEnds.count }

    /// The text of every live row.
    var allLive: ArraySlice<UInt8> { live.bytes[...] }

    /// The text of every child row of child table `childIndex`.
    func allChildren(_ childIndex: Int) -> ArraySlice<UInt8> { children[childIndex].bytes[...] }

    /// The text of the live rows at `indexes` (ascending), as few slices as runs of neighbours.
    func liveSlices(_ indexes: [Int]) -> [ArraySlice<UInt8>] {
        Self.slices(of: live.bytes, ends: liveEnds, rows: indexes)
    }

    /// The text of child table `childIndex`'s rows of the live rows at `indexes` (ascending).
    func childSlices(_ childIndex: Int, _ indexes: [Int]) -> [ArraySlice<UInt8>] {
        Self.slices(of: children[childIndex].bytes, ends: childEnds[childIndex], rows: indexes)
    }

    /// The slices of `bytes` holding the rows at `indexes`, row `i` spanning from `ends[i - 1]`
    /// (0 for the first) to `ends[i]`; neighbouring rows share one slice.
    static func slices(of bytes: [UInt8], ends: [Int], rows indexes: [Int]) -> [ArraySlice<UInt8>] {
        var slices: [ArraySlice<UInt8>] = []
        var runStart: Int?
        var runEnd = 0
        for index in indexes {
            precondition(index >= 0 && index < ends.count, "row \(index) is not encoded")
            let start = index == 0 ? 0 : ends[index - 1]
            if let open = runStart, start != runEnd {
                if runEnd > open { slices.append(bytes[open..<runEnd]) }
                runStart = start
            } else if runStart == nil {
                runStart = start
            }
            runEnd = ends[index]
        }
        if let open = runStart, runEnd > open { slices.append(bytes[open..<runEnd]) }
        return slices
    }
}
