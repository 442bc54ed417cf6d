import StripeJSON

/// A path into a JSON object: keys and array indexes, written `items.data.0.price`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// One step of a path.
    public enum Step: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array element.
        case index(Int)
    }

    /// The steps, outermost first.
    public let steps: [Step]

    /// Parses a dotted path; all-digit parts are array indexes.
    public init(_ text: String) {
        precondition(!text.isEmpty, "empty JSON path")
        steps = text.split(separator: ".").map { part in
            if let index = Int(part), part.allSatisfy(\.isNumber) { return .index(index) }
            return .key(String(part))
        }
    }

    /// Parses a dotted path literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The dotted form.
    public var description: String {
        steps.map { step in
            switch step {
            case .key(let key): return key
            case .index(let index): return String(index)
            }
        }.joined(separator: ".")
    }

    /// The value at this path in `value`, or nil when any step is absent.
    public func lookup(in value: JSONValue) -> JSONValue? {
        var current = value
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let next = current[index] else { return nil }
                current = next
            }
        }
        return current
    }
}
