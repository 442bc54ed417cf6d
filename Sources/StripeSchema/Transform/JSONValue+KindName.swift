import StripeJSON

extension JSONValue {
    /// The JSON type's name, for error messages (`a string`, `an object`, …).
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
