import Foundation

/// Helpers for PostgreSQL connection URLs that keep passwords out of messages.
public enum ConnectionURL {
    /// Returns `url` with any password replaced by `***`
    /// (`postgres://user:secret@host/db` → `postgres://user:***@host/db`, and `password=…` keywords).
    public static func redacted(_ url: String) -> String {
        scrub(url)
    }

    /// Where `url` points, as `host:port/dbname`, without user or password
    /// (`postgres://stripe:secret@127.0.0.1:5434/stripe_db_dev?sslmode=disable` → `127.0.0.1:5434/stripe_db_dev`).
    /// A missing host reads `localhost`, a missing port `5432`.
    public static func target(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return "(not a URL)" }
        var rest = url[scheme.upperBound...]
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let database = slash < rest.endIndex ? String(rest[rest.index(after: slash)...]) : ""
        var host = String(authority)
        var port = "5432"
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = String(authority[..<colon])
            port = String(authority[authority.index(after: colon)...])
        }
        if host.isEmpty { host = "localhost" }
        return "\(host):\(port)/\(database.removingPercentEncoding ?? database)"
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

