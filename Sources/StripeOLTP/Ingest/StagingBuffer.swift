import StripeSchema

/// The rows of one batch of objects, held until they are sent to the server.
struct StagingBuffer: Sendable {
    /// A live object's row: typed values (id first), original bytes and content hash.
    struct LiveRow: Sendable {
        var values: [String?]
        var raw: [UInt8]
        var hash: String
        var seq: Int64
        /// For each child table, the object's child rows.
        var children: [[[String?]]]
        /// Where the object is in its file, for a reject record if the server refuses it.
        var line: Int
        var offset: Int
        /// Stripe says the object is deleted (by its state, e.g. an invoice with status `deleted`).
        var deleted = false

        var id: String { values[0]! }
    }

    /// A deletion marker.
    struct DeletionRow: Sendable {
        var id: String
        var raw: [UInt8]
        var hash: String
        var seq: Int64
        /// Where the marker is in its file, for a reject record if the server refuses it.
        var line: Int
        var offset: Int
    }

    /// An object that could not be transformed or stored.
    struct RejectRow: Sendable {
        var line: Int
        var offset: Int
        var objectID: String?
        var reason: String
        var raw: [UInt8]
    }

    /// A full object found expanded inside one of the batch's objects.
    struct EmbeddedRow: Sendable {
        var resource: Resource
        var row: LiveRow
    }

    var live: [LiveRow] = []
    var deletions: [DeletionRow] = []
    var rejects: [RejectRow] = []
    var embedded: [EmbeddedRow] = []
    /// `live` encoded for COPY into the resource's own tables, when the staging thread was asked
    /// to (a first load); nil otherwise.
    var encoded: EncodedRows?

    var objectCount: Int { live.count + deletions.count + rejects.count }

    mutating func removeAll() {
        live.removeAll(keepingCapacity: true)
        deletions.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        embedded.removeAll(keepingCapacity: true)
        encoded = nil
    }
}
