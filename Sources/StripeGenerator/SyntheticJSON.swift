/// A JSON value whose objects keep their member order, used to assemble synthetic Stripe
/// objects from templates. Objects built from templates or dictionary literals have sorted
/// keys, and `subscript(key:)` inserts new keys in sorted position, so output is deterministic.
enum SyntheticJSON: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A number with a fraction.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([SyntheticJSON])
    /// An object, as ordered members.
    case object([(key: String, value: SyntheticJSON)])
    /// Already-serialized JSON text, written verbatim (used for objects embedded many times).
    case raw([UInt8])

    /// `.string(value)`, or `.null` when `value` is nil.
    init(_ value: String?) {
        if let value { self = .string(value) } else { self = .null }
    }

    /// `.int(value)`, or `.null` when `value` is nil.
    init(_ value: Int?) {
        if let value { self = .int(value) } else { self = .null }
    }

    /// The member named `key` of an object (nil when absent or not an object). Setting a
    /// value replaces the member in place or inserts it in sorted position; setting nil
    /// removes it.
    subscript(key: String) -> SyntheticJSON? {
        get {
            guard case .object(let members) = self else { return nil }
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            guard case .object(var members) = self else {
                preconditionFailure("SyntheticJSON: setting '\(key)' on a non-object")
            }
            self = .null  // release the enum's reference so `members` is uniquely owned
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                let index = members.firstIndex(where: { $0.key > key }) ?? members.endIndex
                members.insert((key: key, value: newValue), at: index)
            }
            self = .object(members)
        }
    }

    /// The string payload, if this is a string.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// This value serialized as compact JSON text, wrapped as `.raw` for cheap re-embedding.
    var frozen: SyntheticJSON {
        var bytes = [UInt8]()
        SyntheticJSONWriter.append(self, to: &bytes)
        return .raw(bytes)
    }
}

/// String literals are JSON strings.
extension SyntheticJSON: ExpressibleByStringLiteral {
    /// A string value.
    init(stringLiteral value: String) { self = .string(value) }
}

/// Integer literals are JSON integers.
extension SyntheticJSON: ExpressibleByIntegerLiteral {
    /// An integer value.
    init(integerLiteral value: Int) { self = .int(value) }
}

/// Boolean literals are JSON booleans.
extension SyntheticJSON: ExpressibleByBooleanLiteral {
    /// A boolean value.
    init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Array literals are JSON arrays.
extension SyntheticJSON: ExpressibleByArrayLiteral {
    /// An array value.
    init(arrayLiteral elements: SyntheticJSON...) { self = .array(elements) }
}

/// Dictionary literals are JSON objects with sorted keys.
extension SyntheticJSON: ExpressibleByDictionaryLiteral {
    /// An object value with its keys sorted.
    init(dictionaryLiteral elements: (String, SyntheticJSON)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) }.sorted { $0.key < $1.key })
    }
}

/// Decoding any JSON text (templates are read this way).
extension SyntheticJSON: Decodable {
    /// Decodes any JSON value; object keys come out sorted.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SyntheticJSON].self) {
            self = .array(value)
        } else {
            let members = try container.decode([String: SyntheticJSON].self)
            self = .object(members.map { (key: $0.key, value: $0.value) }.sorted { $0.key < $1.key })
        }
    }
}
