import Foundation

/// Helpers for PostgreSQL connection strings that keep passwords out of messages.
public enum ConnectionURL {
    /// What is shown for a connection string libpq cannot parse.
    public static let unparseable = "(connection string not shown: it cannot be parsed)"

    /// `url` (URL or keyword form) as libpq parses it, rendered without any secret:
    /// `host=h user=u password=secret dbname=d` → `postgres://u:***@h/d`. A string libpq
    /// cannot parse, or one `ConnectionInfo` refuses, is not shown at all.
    public static func redacted(_ url: String) -> String {
        (try? ConnectionInfo(parsing: url))?.redacted ?? unparseable
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

    /// Removes passwords from free text that may contain connection URLs or `password=`
    /// keywords; the second line of defence behind `redacted`, for text that is not a
    /// connection string of its own (error messages, logs).
    ///
    /// In a URL the user information runs to the last `@` before the next white space, so a
    /// password holding a raw `/`, `?` or `@` is removed whole. A `…password` keyword
    /// (`password`, `sslpassword`, any letter case) with optional spaces around `=` loses its
    /// value, quoted (`'a b c'`, with `\'` escapes) or up to the next white space.
    public static func scrub(_ text: String) -> String {
        scrubKeyword(scrubURLs(text))
    }

    private static func scrubURLs(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let schemeRange = rest.range(of: "://") {
            result += rest[..<schemeRange.upperBound]
            rest = rest[schemeRange.upperBound...]
            let runEnd = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            let run = rest[..<runEnd]
            guard let at = run.lastIndex(of: "@"), let colon = run[..<at].firstIndex(of: ":") else { continue }
            result += run[..<colon]
            result += ":***"
            rest = rest[at...]
        }
        result += rest
        return result
    }

    private static func scrubKeyword(_ text: String) -> String {
        guard text.range(of: "password", options: .caseInsensitive) != nil else { return text }
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: "password", options: .caseInsensitive) {
            output += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            var cursor = rest.startIndex
            while cursor < rest.endIndex, rest[cursor] == " " || rest[cursor] == "\t" { cursor = rest.index(after: cursor) }
            guard cursor < rest.endIndex, rest[cursor] == "=" else { continue }
            output += rest[rest.startIndex...cursor]
            cursor = rest.index(after: cursor)
            while cursor < rest.endIndex, rest[cursor] == " " || rest[cursor] == "\t" { cursor = rest.index(after: cursor) }
            output += "***"
            rest = rest[valueEnd(in: rest, from: cursor)...]
        }
        output += rest
        return output
    }

    /// The end of a keyword value starting at `start`: after its closing quote when quoted
    /// (backslash escapes honoured), else at the next white space.
    private static func valueEnd(in text: Substring, from start: Substring.Index) -> Substring.Index {
        guard start < text.endIndex else { return start }
        let quote = text[start]
        guard quote == "'" || quote == "\"" else {
            return text[start...].firstIndex(where: \.isWhitespace) ?? text.endIndex
        }
        var cursor = text.index(after: start)
        while cursor < text.endIndex {
            if text[cursor] == "\\" {
                cursor = text.index(after: cursor)
                if cursor < text.endIndex { cursor = text.index(after: cursor) }
                continue
            }
            if text[cursor] == quote { return text.index(after: cursor) }
            cursor = text.index(after: cursor)
        }
        return text.endIndex
    }
}

