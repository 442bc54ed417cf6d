/// Helpers for PostgreSQL connection URLs that keep passwords out of messages.
public enum ConnectionURL {
    /// Returns `url` with any password replaced by `***`
    /// (`postgres://user:secret@host/db` → `postgres://user:***@host/db`, and `password=…` keywords).
    public static func redacted(_ url: String) -> String {
        scrub(url)
    }

    /// Removes passwords from free text that may contain connection URLs or `password=` keywords.
    public static func scrub(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        // URL credentials: scheme://user:password@
        while let schemeRange = rest.range(of: "://") {
            result += rest[..<schemeRange.upperBound]
            rest = rest[schemeRange.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == " " || $0 == "\n" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[..<colon]
                result += ":***"
                result += authority[at...]
                rest = rest[authorityEnd...]
            }
        }
        result += rest
        return scrubKeyword(result)
    }

    private static func scrubKeyword(_ text: String) -> String {
        guard text.contains("password=") else { return text }
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: "password=") {
            output += rest[..<range.upperBound]
            output += "***"
            rest = rest[range.upperBound...]
            let end = rest.firstIndex(where: { $0 == " " || $0 == "&" || $0 == "\n" }) ?? rest.endIndex
            rest = rest[end...]
        }
        output += rest
        return output
    }
}
