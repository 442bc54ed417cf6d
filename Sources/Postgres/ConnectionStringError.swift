/// A connection string (URL or keyword form) that cannot be used; the reason never contains
/// any part of the string, which may hold a password.
public struct ConnectionStringError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Why the string was refused, without its text.
    public let reason: String

    /// Creates an error with `reason`.
    public init(reason: String) {
        self.reason = reason
    }

    /// `connection string: <reason>`.
    public var description: String { "connection string: \(reason) (its text is not shown)" }
}
