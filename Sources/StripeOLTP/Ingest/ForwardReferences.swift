import Postgres
import StripeSchema

/// References an ingest run found to objects of resources that load later in the run, held in
/// memory until their resource has loaded: then those the run knows it wrote are dropped, and
/// only the others go to the run's forward-references table, where the run's end looks for the
/// ones still missing. Most forward references (a customer's default payment method, an
/// invoice's payment intent) name objects the later file holds, so the server never sees them.
final class ForwardReferences {
    /// Referenced ids by referencing resource, then by referenced resource.
    private var ids: [Resource: [Resource: Set<String>]] = [:]

    /// An empty store.
    init() {}

    /// Records that objects of `source` reference `new` ids of `target`.
    func add(_ new: Set<String>, from source: Resource, to target: Resource) {
        ids[source, default: [:]][target, default: []].formUnion(new)
    }

    /// Drops what `source` recorded: its load was rolled back.
    func forget(source: Resource) {
        ids[source] = nil
    }

    /// Now that `target` has loaded, writes the references to it that `known` does not hold into
    /// `table` (source, target, id) and drops them all; or every reference held, with `target` nil
    /// (at the run's end, for resources that did not load).
    func resolve(_ target: Resource?, unless known: KnownIDs, into table: String, on connection: PGConnection) throws {
        var rows: [(source: Resource, target: Resource, id: String)] = []
        for (source, byTarget) in ids {
            for (referenced, set) in byTarget where target == nil || referenced == target {
                let missing = target == nil ? set : known.unknown(set, in: referenced)
                rows += missing.map { (source, referenced, $0) }
                ids[source]?[referenced] = nil
            }
        }
        guard !rows.isEmpty else { return }
        try connection.copyIn("COPY \(table) (source, target, id) FROM STDIN") { writer in
            for row in rows {
                try writer.writeRow([row.source.rawValue, row.target.rawValue, row.id])
            }
        }
    }
}
