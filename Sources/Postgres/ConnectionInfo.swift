import CLibPQ
import Foundation

/// A connection string (`postgres://…` URL or libpq keyword form) as libpq itself parses it,
/// so what is shown of it is exactly what libpq would use, minus every secret.
///
/// Only known non-secret fields are shown (host, port, dbname, user, sslmode, …); the password,
/// `sslpassword` and every option libpq marks as secret or this type does not know are dropped.
public struct ConnectionInfo: Sendable, Equatable {
    /// The fields that may be shown, in display order.
    public static let displayedFields = [
        "user", "host", "hostaddr", "port", "dbname", "sslmode", "connect_timeout", "application_name",
        "target_session_attrs",
    ]

    /// The non-empty, non-secret fields libpq parsed, by keyword.
    public let fields: [String: String]
    /// True when the string sets a password.
    public let hasPassword: Bool

    /// Parses `text` with `PQconninfoParse`; throws (without echoing `text`) when libpq cannot
    /// parse it, or when it is a URL whose parts libpq would split differently from what was
    /// meant: a user name or password holding a raw `/` or `@` (which libpq reads as host, port
    /// or database name, so they would be shown and sent as such).
    public init(parsing text: String) throws {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ConnectionStringError(reason: "is empty")
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            throw ConnectionStringError(
                reason: "libpq cannot parse it (expected postgres://user@host:port/dbname or host=… dbname=… keywords; "
                    + "percent-encode special characters in a URL)")
        }
        defer { PQconninfoFree(options) }
        var fields: [String: String] = [:]
        var hasPassword = false
        var option = options
        while let keyword = option.pointee.keyword {
            let name = String(cString: keyword)
            if let value = option.pointee.val.map({ String(cString: $0) }), !value.isEmpty {
                let secret = option.pointee.dispchar.map { String(cString: $0) == "*" } ?? false
                if name == "password" { hasPassword = true }
                if !secret && ConnectionInfo.displayedFields.contains(name) { fields[name] = value }
            }
            option = option.successor()
        }
        try ConnectionInfo.checkURLShape(text, fields: fields)
        self.fields = fields
        self.hasPassword = hasPassword
    }

    /// The string as a URL without secrets: `postgres://user:***@host:port/dbname?sslmode=…`
    /// (`***` only marks that a password is set).
    public var redacted: String {
        func encoded(_ value: String) -> String {
            value.addingPercentEncoding(withAllowedCharacters: ConnectionInfo.plain) ?? "?"
        }
        var text = "postgres://"
        if let user = fields["user"] {
            text += encoded(user) + (hasPassword ? ":***" : "") + "@"
        } else if hasPassword {
            text += ":***@"
        }
        text += hostList(encoded)
        if let dbname = fields["dbname"] { text += "/" + encoded(dbname) }
        let query = ConnectionInfo.displayedFields.filter { !["user", "host", "port", "dbname"].contains($0) }
            .compactMap { name in fields[name].map { "\(name)=\(encoded($0))" } }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    /// `host:port` pairs, comma-separated (libpq allows several hosts and ports).
    private func hostList(_ encoded: (String) -> String) -> String {
        let hosts = fields["host"].map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        let ports = fields["port"].map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        let count = max(hosts.count, ports.count)
        return (0..<count).map { index in
            let host = hosts.isEmpty ? "" : hosts[min(index, hosts.count - 1)]
            let port = ports.isEmpty ? "" : ports[ports.count == 1 ? 0 : min(index, ports.count - 1)]
            return encoded(host) + (port.isEmpty ? "" : ":" + encoded(port))
        }.joined(separator: ",")
    }

    private static let plain = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// Refuses URL forms that libpq splits at the wrong place because the user information
    /// holds a raw `/` or `@`: a non-numeric port, an `@` in a host, or an `@` after the first
    /// `/` of the part before the query.
    private static func checkURLShape(_ text: String, fields: [String: String]) throws {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"),
            let scheme = text.range(of: "://")
        else { return }
        let shapeReason = "is a URL whose user name or password seems to hold a raw '/' or '@' "
            + "(percent-encode them: / as %2F, @ as %40)"
        let rest = text[scheme.upperBound...]
        let beforeQuery = rest[..<(rest.firstIndex(of: "?") ?? rest.endIndex)]
        if let slash = beforeQuery.firstIndex(of: "/"), beforeQuery[slash...].contains("@") {
            throw ConnectionStringError(reason: shapeReason)
        }
        if let host = fields["host"], host.contains("@") {
            throw ConnectionStringError(reason: shapeReason)
        }
        if let port = fields["port"], !port.split(separator: ",").allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            throw ConnectionStringError(reason: shapeReason)
        }
    }
}
