import Crypto
import StripeJSON
import StripeSchema

/// The digest of an object's typed column values, computed the same way on both sides:
/// here from the transformer's output, and in SQL from the stored columns.
enum ColumnDigest {
    static let separator = "\u{1F}"
    static let nullMarker = "\\N"

    /// MD5 hex of the values joined by the unit separator, NULL as `\N`; JSON columns are put in
    /// canonical form first.
    static func client(values: [String?], columns: [Column]) -> String {
        precondition(values.count == columns.count, "value count does not match column count")
        var parts: [String] = []
        parts.reserveCapacity(values.count)
        for (value, column) in zip(values, columns) {
            guard let value else { parts.append(nullMarker); continue }
            if case .json = column.kind, let parsed = try? JSONParser.parse(value) {
                parts.append(CanonicalJSON.text(parsed))
            } else {
                parts.append(value)
            }
        }
        return md5Hex(Array(parts.joined(separator: separator).utf8))
    }

    /// The SQL expression giving the same digest for a row aliased `alias`; `replacing` gives,
    /// for some text columns, the expression to digest instead of the stored column.
    /// Requires `TimeZone = 'UTC'` and `DateStyle = 'ISO'` in the session.
    static func sql(columns: [Column], alias: String, replacing: [String: String] = [:]) -> String {
        guard !columns.isEmpty else { return "md5('')" }
        let parts = columns.map { column -> String in
            let ref = replacing[column.name] ?? "\(alias).\(column.name)"
            let text: String
            switch column.kind {
            case .boolean: text = "CASE WHEN \(ref) THEN 't' WHEN NOT \(ref) THEN 'f' END"
            case .text, .reference: text = ref
            default: text = "\(ref)::text"
            }
            return "coalesce(\(text), E'\\\\N')"
        }
        return "md5(concat_ws(chr(31), \(parts.joined(separator: ", "))))"
    }

    /// MD5 of bytes, hex.
    static func md5Hex(_ bytes: [UInt8]) -> String {
        Digest.hex(Array(Insecure.MD5.hash(data: bytes)))
    }
}
