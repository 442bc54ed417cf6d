/// A request parameter in Stripe's form encoding: a string, a list or a nested object
/// (`items[0][price]=price_1`, `metadata[tier]=gold`, `expand[]=data.customer`).
public enum FormValue: Sendable, Equatable, ExpressibleByStringLiteral {
    /// A plain value.
    case string(String)
    /// A list, encoded `key[]=a&key[]=b` for scalars or `key[0][field]=…` for objects.
    case array([FormValue])
    /// A nested object, encoded `key[field]=…`, in the given order.
    case object([(String, FormValue)])

    /// A string literal is a plain value.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// Compares structurally.
    public static func == (lhs: FormValue, rhs: FormValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Encodes top-level parameters as `application/x-www-form-urlencoded` with brackets.
    public static func encode(_ parameters: [(String, FormValue)]) -> String {
        var pairs: [String] = []
        for (key, value) in parameters { flatten(key, value, into: &pairs) }
        return pairs.joined(separator: "&")
    }

    private static func flatten(_ key: String, _ value: FormValue, into pairs: inout [String]) {
        switch value {
        case .string(let text):
            pairs.append(percentEncode(key) + "=" + percentEncode(text))
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if case .string = element {
                    flatten("\(key)[]", element, into: &pairs)
                } else {
                    flatten("\(key)[\(index)]", element, into: &pairs)
                }
            }
        case .object(let members):
            for (name, member) in members { flatten("\(key)[\(name)]", member, into: &pairs) }
        }
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            }
        }
        return out
    }
}
