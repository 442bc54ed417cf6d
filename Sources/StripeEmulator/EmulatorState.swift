import Foundation

/// Everything the emulator remembers: the stored objects of every kind, deleted customers,
/// and the clock and id source. Mutated only under the ``Emulator``'s lock.
public struct EmulatorState: Sendable {
    /// Tables by kind.
    public var tables: [ResourceKind: ResourceTable] = [:]
    /// Deleted customers and products: the `{"id","object","deleted":true}` stubs by id.
    public var deleted: [String: JSONValue] = [:]
    /// The id of the request being handled, recorded in events.
    public var currentRequestID: String?
    /// The idempotency key of the request being handled, recorded in events.
    public var currentIdempotencyKey: String?
    /// The id `GET /v1/account` answers: derived from the data set once one is seeded (so each
    /// data set is its own account), random for a state started empty.
    public var accountID: String = EmulatorState.randomAccountID()
    /// The parent id of each child object whose own JSON does not name its parent (credit note
    /// lines, checkout session line items), by child id.
    public var parentOf: [String: String] = [:]
    /// The signing secret of each webhook endpoint, by endpoint id (never part of the endpoint object).
    public var webhookSecrets: [String: String] = [:]
    /// Events emitted by the request being handled, not yet handed to the webhook dispatcher.
    public var undeliveredEvents: [JSONValue] = []
    private var lastTimestamp = 0

    /// An empty state.
    public init() {}

    /// The table for `kind`.
    public func table(_ kind: ResourceKind) -> ResourceTable {
        tables[kind] ?? ResourceTable()
    }

    /// Stores (inserts or replaces) an object of `kind`.
    public mutating func store(_ kind: ResourceKind, _ object: JSONValue) {
        var table = tables[kind] ?? ResourceTable()
        table.put(object)
        tables[kind] = table
    }

    /// Removes an object of `kind`.
    public mutating func remove(_ kind: ResourceKind, _ id: String) {
        tables[kind]?.remove(id)
    }

    /// The live object of `kind` with `id`, or 404 `resource_missing`.
    public func fetch(_ kind: ResourceKind, _ id: String, param: String = "id") throws -> JSONValue {
        guard let object = tables[kind]?[id] else { throw StripeError.noSuch(kind.noun, id, param: param) }
        return object
    }

    /// Any stored object by id (deleted stubs included), for expansion.
    public func lookup(_ id: String) -> JSONValue? {
        if let kind = ResourceKind.of(id: id), let object = tables[kind]?[id] { return object }
        return deleted[id]
    }

    /// The current Unix time in seconds.
    public mutating func now() -> Int {
        let time = Int(Date().timeIntervalSince1970)
        lastTimestamp = max(lastTimestamp, time)
        return lastTimestamp
    }

    /// A fresh id with the prefix of `kind`, unique in this state.
    public func newID(_ kind: ResourceKind) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        while true {
            let suffix = String((0..<24).map { _ in alphabet.randomElement()! })
            let id = "\(kind.prefix)_1Emu\(suffix)"
            if lookup(id) == nil { return id }
        }
    }
}
