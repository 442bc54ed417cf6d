import Foundation

/// A dotted path into a decoded Stripe object (`charges.data.0`, `pricing.price_details.price`),
/// where a numeric step indexes a list.
struct JSONFieldPath: Sendable, CustomStringConvertible {
    /// The path as written.
    let description: String

    /// Creates a path from its dotted spelling.
    init(_ path: String) { description = path }

    /// The value at this path in `object`, or nil when absent, JSON null or an empty string (an
    /// empty reference is no reference).
    func value(in object: [String: Any]) -> Any? {
        var current: Any = object
        for step in description.split(separator: ".") {
            if let index = Int(step), let list = current as? [Any] {
                guard list.indices.contains(index) else { return nil }
                current = list[index]
            } else if let dictionary = current as? [String: Any], let next = dictionary[String(step)] {
                current = next
            } else {
                return nil
            }
        }
        if current is NSNull { return nil }
        if let text = current as? String, text.isEmpty { return nil }
        return current
    }
}
