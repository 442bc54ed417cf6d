import Postgres
import StripeSchema

/// What a first load's COPY stream leaves for after it ends (`ResourceLoader.streamFirstLoad`):
/// the child rows of the objects it sent, the parents they reference that the run does not know,
/// the objects the staging thread rejected and the full objects found embedded in them. Each
/// takes its own statement, and no statement can run while a COPY is open.
struct FirstLoadSegment {
    /// For each child table, the encoded child rows of the objects sent.
    var children: [[UInt8]]
    /// Referenced parents the run does not know to exist, by resource.
    var wanted: [Resource: Set<String>] = [:]
    var rejects: [StagingBuffer.RejectRow] = []
    var embedded: [StagingBuffer.EmbeddedRow] = []
    /// Objects sent in the stream.
    var inserted = 0
    /// Child rows held in `children`.
    var childRows = 0

    /// The most child rows a segment holds before its stream ends to write them (the next batch
    /// starts a new stream): 64 batches' worth, with batches of `batchSize` objects.
    private let childRowLimit: Int
    /// The most rejects and embedded objects (whole rows, heavier) it holds: 4 batches' worth.
    private let heldObjectLimit: Int

    /// An empty segment for a resource with `childTables` child tables, loaded in batches of
    /// `batchSize` objects.
    init(childTables: Int, batchSize: Int) {
        children = Array(repeating: [], count: childTables)
        childRowLimit = 64 * batchSize
        heldObjectLimit = 4 * batchSize
    }

    /// Whether the segment holds enough that its stream should end now.
    var isFull: Bool {
        childRows >= childRowLimit || rejects.count + embedded.count >= heldObjectLimit
    }
}
