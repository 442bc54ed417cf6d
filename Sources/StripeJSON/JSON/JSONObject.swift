/// A JSON object with its members in source order.
///
/// Lookups scan the members linearly (Stripe objects have well under a hundred keys); when a
/// key appears more than once, the last occurrence wins, as in most JSON readers.
public struct JSONObject: Sendable, Equatable {
    /// The members in the order they were written, duplicates included.
    public var members: [(key: String, value: JSONValue)]

    /// An object with `members` in the given order.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of the last member named `key`, or nil when there is none. Names of another
    /// length are passed over before any comparison of their text (most of them, and a length is
    /// cheap to read), which keeps the transformer's many lookups per object cheap.
    public subscript(key: String) -> JSONValue? {
        let length = key.utf8.count
        var index = members.count
        while index > 0 {
            index -= 1
            let name = members[index].key
            if name.utf8.count == length && name == key { return members[index].value }
        }
        return nil
    }

    /// The number of members, duplicates included.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The member names in source order, duplicates included.
    public var keys: [String] { members.map(\.key) }

    /// Replaces the value of the last member named `key`, or adds the member at the end.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let index = members.lastIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key: key, value: value))
        }
    }

    /// Adds a member at the end.
    public mutating func append(key: String, value: JSONValue) {
        members.append((key: key, value: value))
    }

    /// Whether both objects have the same members in the same order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (left, right) in zip(lhs.members, rhs.members) where left.key != right.key || left.value != right.value {
            return false
        }
        return true
    }
}
