/// A parsed JSON value. Numbers keep their source text and objects keep their member order,
/// so `serialized()` writes back what was read, only without insignificant whitespace.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as its source text.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in source order.
    case object(JSONObject)

    /// The member `key` when this is an object that has it; nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The element at `index` when this is an array that long; nil otherwise.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The text when this is a string; nil otherwise.
    public var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The value when this is an integer number within `Int64`; nil otherwise.
    public var int64Value: Int64? {
        guard case .number(let number) = self else { return nil }
        return number.int64
    }

    /// The value when this is a number with a finite `Double` value; nil otherwise.
    public var doubleValue: Double? {
        guard case .number(let number) = self else { return nil }
        return number.double
    }

    /// The flag when this is `true` or `false`; nil otherwise.
    public var boolValue: Bool? {
        guard case .bool(let flag) = self else { return nil }
        return flag
    }

    /// The elements when this is an array; nil otherwise.
    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The object when this is an object; nil otherwise.
    public var objectValue: JSONObject? {
        guard case .object(let object) = self else { return nil }
        return object
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Compact JSON text: no whitespace, member order kept, numbers as their source text,
    /// strings escaped per RFC 8259 (`"`, `\`, and control characters; other characters as UTF-8).
    public func serialized() -> String {
        var writer = JSONWriter()
        writer.write(self)
        return writer.text
    }

    /// Compact JSON as UTF-8 bytes; the same text as `serialized()`.
    public func serializedBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }
}
