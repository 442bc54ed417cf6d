/// Why a JSON text could not be parsed, and where.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 0-based byte offset of the problem within the parsed bytes.
    public let offset: Int
    /// What is wrong, e.g. `expected ',' or '}' after an object member`.
    public let reason: String

    /// An error at `offset` for `reason`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// The reason followed by the offset.
    public var description: String { "\(reason) at byte \(offset)" }
}
