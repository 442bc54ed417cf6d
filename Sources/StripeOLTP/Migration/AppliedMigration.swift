/// A row of the migration ledger (`stripe_oltp.schema_migrations`).
public struct AppliedMigration: Sendable, Equatable {
    /// The version applied.
    public let version: Int
    /// The name recorded when it was applied.
    public let name: String
    /// The checksum recorded when it was applied.
    public let checksum: String
    /// When it was applied (server text form).
    public let appliedAt: String
    /// How long it took, in milliseconds.
    public let durationMilliseconds: Int
}
