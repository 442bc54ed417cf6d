/// A schema name (`--schema`, `STRIPE_SCHEMA`) that cannot be used, and why.
public struct SchemaNameError: Error, CustomStringConvertible {
    /// The name as given.
    public let name: String
    /// Why it was refused (`must start with a lowercase letter`).
    public let reason: String

    /// `schema name 'Stripe-Test' may hold only lowercase letters, digits and underscores`.
    public var description: String {
        "schema name '\(name.prefix(80))' \(reason)"
    }
}
