/// An object that could not be stored while no ingest run was recording rejects (a live event's
/// object): the server refused one of its values, or it did not transform.
public struct ObjectRefusedError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The object's id, when it has one.
    public let objectID: String?
    /// Why, in the loader's format (`object … field '…': …`).
    public let reason: String

    /// Creates the error.
    public init(objectID: String?, reason: String) {
        self.objectID = objectID
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}
