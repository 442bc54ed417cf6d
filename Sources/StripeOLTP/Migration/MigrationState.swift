/// The state of one version as `migrate status` reports it.
public struct MigrationState: Sendable, Equatable {
    /// How a version stands.
    public enum Kind: String, Sendable {
        /// Recorded in the ledger with the file's current checksum.
        case applied
        /// A file not yet applied.
        case pending
        /// Applied, but the file's checksum differs from the recorded one.
        case changed
        /// Applied, but no file has this version any more.
        case missing
        /// Pending, but lower than the highest applied version.
        case outOfOrder = "out-of-order"
    }

    /// The version number.
    public let version: Int
    /// The migration's name.
    public let name: String
    /// How it stands.
    public let kind: Kind
    /// The checksum of the file (or, for a missing file, the recorded one).
    public let checksum: String
    /// When it was applied, for applied versions.
    public let appliedAt: String?

    /// True when this state makes `verify` and `up` fail.
    public var isProblem: Bool {
        kind == .changed || kind == .missing || kind == .outOfOrder
    }
}
