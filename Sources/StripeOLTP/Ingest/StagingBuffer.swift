import Postgres

/// Rows of one batch of objects, held until they are copied into the staging tables.
struct StagingBuffer {
    struct LiveRow {
        var values: [String?]
        var raw: [UInt8]
        var hash: String
        var seq: Int64
    }

    struct DeletionRow {
        var id: String
        var raw: [UInt8]
        var hash: String
        var seq: Int64
    }

    struct RejectRow {
        var line: Int
        var offset: Int
        var objectID: String?
        var reason: String
        var raw: [UInt8]
    }

    var live: [LiveRow] = []
    var children: [[[String?]]]
    var childSeqs: [[Int64]]
    var deletions: [DeletionRow] = []
    var rejects: [RejectRow] = []

    init(childTables: Int) {
        children = Array(repeating: [], count: childTables)
        childSeqs = Array(repeating: [], count: childTables)
    }

    var objectCount: Int { live.count + deletions.count + rejects.count }

    mutating func removeAll() {
        live.removeAll(keepingCapacity: true)
        for index in children.indices {
            children[index].removeAll(keepingCapacity: true)
            childSeqs[index].removeAll(keepingCapacity: true)
        }
        deletions.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
    }
}
