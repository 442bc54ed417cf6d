import Foundation

/// Decodes `application/x-www-form-urlencoded` text with Stripe's bracket syntax
/// (`metadata[k]=v`, `items[0][price]=p`, `expand[]=x`) into nested ``JSONValue``s.
///
/// Leaves are strings; objects whose keys are all array indexes become arrays, except under
/// `metadata`, whose keys are free-form.
public enum FormDecoder {
    /// Decodes `text` (a query string or a request body) into an object.
    public static func decode(_ text: String) -> JSONValue {
        var root = JSONValue.object([:])
        guard !text.isEmpty else { return root }
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unescape(String(parts[0]))
            let value = parts.count > 1 ? unescape(String(parts[1])) : ""
            let path = segments(of: key)
            guard !path.isEmpty, !path[0].isEmpty else { continue }
            insert(.string(value), at: path[...], into: &root)
        }
        return arrays(in: root, parentKey: nil)
    }

    /// Merges two decoded objects; members of `overlay` win.
    public static func merge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
        guard case .object(var members) = base, case .object(let extra) = overlay else { return overlay }
        for (key, value) in extra { members[key] = value }
        return .object(members)
    }

    static func segments(of key: String) -> [String] {
        guard let open = key.firstIndex(of: "[") else { return [key] }
        var result = [String(key[..<open])]
        var rest = key[open...]
        while let start = rest.firstIndex(of: "["), let end = rest[start...].firstIndex(of: "]") {
            result.append(String(rest[rest.index(after: start)..<end]))
            rest = rest[rest.index(after: end)...]
        }
        return result
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into node: inout JSONValue) {
        guard case .object(var members) = node else { return }
        var key = path.first!
        if key.isEmpty {
            key = String(members.count)
        }
        if path.count == 1 {
            members[key] = value
        } else {
            var child = members[key] ?? .object([:])
            if case .object = child {} else { child = .object([:]) }
            insert(value, at: path.dropFirst(), into: &child)
            members[key] = child
        }
        node = .object(members)
    }

    private static func arrays(in node: JSONValue, parentKey: String?) -> JSONValue {
        guard case .object(let members) = node else { return node }
        var converted: [String: JSONValue] = [:]
        for (key, value) in members {
            converted[key] = arrays(in: value, parentKey: key)
        }
        if parentKey != "metadata", !converted.isEmpty {
            let indexes = converted.keys.compactMap { Int($0) }
            if indexes.count == converted.count, indexes.allSatisfy({ $0 >= 0 }) {
                return .array(indexes.sorted().map { converted[String($0)]! })
            }
        }
        return .object(converted)
    }

    private static func unescape(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
