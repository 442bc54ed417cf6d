/// A database-wide rule and the rows that break it (an orphaned foreign key, an unreferenced
/// placeholder, an amount that does not reconcile).
public struct RuleCheck: Sendable, Codable, Equatable {
    /// What kind of rule.
    public enum Kind: String, Sendable, Codable {
        /// Every non-null reference points at an existing row.
        case reference
        /// Every placeholder is still referenced by something.
        case placeholder
        /// An amount or state invariant Stripe documents.
        case invariant
        /// A text column holds only the values Stripe documents for it.
        case vocabulary

        /// True for rules whose breaks can come from Stripe's own data (its examples hold
        /// invoices whose subtotal is not the sum of their lines; it adds enum values): they are
        /// warnings, which fail a check only under `--strict`. The others mean the database
        /// differs from the dumps.
        public var isWarning: Bool { self == .invariant || self == .vocabulary }
    }

    /// What kind of rule.
    public var kind: Kind
    /// The rule, in words (`charges.customer_id → customers`).
    public var name: String
    /// The ids of the rows that break it.
    public var violations: IDSample

    /// Creates a rule result.
    public init(kind: Kind, name: String, violations: IDSample) {
        self.kind = kind
        self.name = name
        self.violations = violations
    }

    /// True when nothing breaks the rule.
    public var passed: Bool { violations.isEmpty }
}
