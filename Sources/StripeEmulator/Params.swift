/// The decoded parameters of one request, with Stripe's validation helpers.
public struct Params: Sendable {
    /// The decoded members.
    public var values: [String: JSONValue]

    /// Wraps decoded members.
    public init(_ values: [String: JSONValue]) {
        self.values = values
    }

    /// Rejects any top-level parameter outside `allowed` (plus `expand`) with `parameter_unknown`.
    public func allow(_ allowed: Set<String>) throws {
        for key in values.keys.sorted() where key != "expand" && !allowed.contains(key) {
            throw StripeError.unknown(key)
        }
    }

    /// True when `key` was sent.
    public func has(_ key: String) -> Bool { values[key] != nil }

    /// A string parameter; empty strings count as absent.
    public func string(_ key: String) -> String? {
        guard let value = values[key]?.stringValue, !value.isEmpty else { return nil }
        return value
    }

    /// A required string parameter.
    public func requireString(_ key: String) throws -> String {
        guard let value = string(key) else { throw StripeError.missing(key) }
        return value
    }

    /// An integer parameter, or `parameter_invalid_integer`.
    public func int(_ key: String) throws -> Int? {
        guard let raw = values[key] else { return nil }
        if case .string("") = raw { return nil }
        guard let value = raw.intValue else {
            throw StripeError.invalid(key, "Invalid integer: \(raw.stringValue ?? raw.serialized)",
                                      code: "parameter_invalid_integer")
        }
        return value
    }

    /// A boolean parameter, or `parameter_invalid_boolean`… Stripe reports it as invalid.
    public func bool(_ key: String) throws -> Bool? {
        guard let raw = values[key] else { return nil }
        guard let value = raw.boolValue else {
            throw StripeError.invalid(key, "Invalid boolean: \(raw.stringValue ?? raw.serialized)")
        }
        return value
    }

    /// A nested object parameter.
    public func object(_ key: String) -> [String: JSONValue]? {
        values[key]?.objectValue
    }

    /// The `expand[]` paths, split on dots.
    public var expand: [[String]] {
        guard let raw = values["expand"] else { return [] }
        let items: [JSONValue]
        switch raw {
        case .array(let elements): items = elements
        case .object(let members): items = Array(members.values)
        default: items = [raw]
        }
        return items.compactMap { $0.stringValue }.map { $0.split(separator: ".").map(String.init) }
    }

    /// Applies a `metadata` parameter to existing metadata: an empty value removes a key,
    /// an empty `metadata` clears all.
    public func metadata(updating existing: JSONValue?) throws -> JSONValue {
        var result = existing?.objectValue ?? [:]
        guard let raw = values["metadata"] else { return .object(result) }
        switch raw {
        case .string(""): return .object([:])
        case .object(let members):
            for (key, value) in members {
                if case .string("") = value { result[key] = nil } else { result[key] = value }
            }
            return .object(result)
        default:
            throw StripeError.invalid("metadata", "Invalid metadata: must be a hash of string keys and values.")
        }
    }
}
