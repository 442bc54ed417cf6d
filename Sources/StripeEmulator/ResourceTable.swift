/// The stored objects of one kind, in creation order, with a sequence number per id that
/// survives deletion so pagination cursors stay valid.
public struct ResourceTable: Sendable {
    /// Objects by id.
    public private(set) var objects: [String: JSONValue] = [:]
    /// Ids of live objects, oldest first.
    public private(set) var order: [String] = []
    /// Creation sequence per id, including deleted ids.
    public private(set) var sequence: [String: Int] = [:]
    private var nextSequence = 0

    /// An empty table.
    public init() {}

    /// Number of live objects.
    public var count: Int { order.count }

    /// The object with `id`, if live.
    public subscript(id: String) -> JSONValue? { objects[id] }

    /// Inserts a new object or replaces an existing one (keeping its position).
    public mutating func put(_ object: JSONValue) {
        guard let id = object["id"]?.stringValue else { return }
        if objects[id] == nil {
            if sequence[id] == nil {
                sequence[id] = nextSequence
                nextSequence += 1
            }
            order.append(id)
        }
        objects[id] = object
    }

    /// Removes the object with `id` (its sequence number is kept).
    public mutating func remove(_ id: String) {
        guard objects.removeValue(forKey: id) != nil else { return }
        order.removeAll { $0 == id }
    }

    /// Live objects, newest first.
    public var newestFirst: [JSONValue] {
        order.reversed().compactMap { objects[$0] }
    }
}
