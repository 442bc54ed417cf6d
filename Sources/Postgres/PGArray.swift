/// PostgreSQL array literals for binding a list as one `$N` parameter (`= ANY($1::text[])`).
public enum PGArray {
    /// The text form of a one-dimensional array of strings: every element double-quoted,
    /// with `"` and `\` escaped, so any string round-trips.
    public static func literal(_ elements: [String]) -> String {
        var out = "{"
        out.reserveCapacity(elements.count * 24 + 2)
        for (index, element) in elements.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { out += "\\" }
                out.unicodeScalars.append(character)
            }
            out += "\""
        }
        out += "}"
        return out
    }
}
