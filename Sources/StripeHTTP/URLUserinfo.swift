/// The `user:password@` part of an HTTP URL, which is never written or printed.
public enum URLUserinfo {
    /// `url` without its user information: `https://user:pass@host/x` → `https://host/x`.
    /// The user information ends at the last `@` before the path, query or fragment.
    public static func removed(from url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + rest[rest.index(after: at)...]
    }

    /// False when an `@` follows the path, query or fragment start: the user information (a
    /// password holding a raw `/`, `?` or `#`) cannot be told apart from the rest, so it could
    /// not be removed reliably.
    public static func isUnambiguous(_ url: String) -> Bool {
        guard let scheme = url.range(of: "://") else { return true }
        let rest = url[scheme.upperBound...]
        guard let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return true }
        return !rest[authorityEnd...].contains("@")
    }
}
