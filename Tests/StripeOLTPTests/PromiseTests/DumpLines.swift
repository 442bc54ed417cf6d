import Foundation
import StripeJSON
import StripeOLTP

/// The objects of a dump file's text, one JSON text each (any of the three forms).
enum DumpLines {
    /// Each object of `text` re-serialized on one line.
    static func objects(of text: String) -> [String] {
        guard let value = try? JSONParser.parse(Array(text.utf8)) else {
            return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        switch value {
        case .array(let elements): return elements.map { $0.serialized() }
        case .object where value["data"] != nil:
            if case .array(let elements)? = value["data"] { return elements.map { $0.serialized() } }
            return []
        default: return [value.serialized()]
        }
    }
}
