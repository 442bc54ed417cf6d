import StripeSchema

/// What `SyntheticDumpGenerator.write` produced.
public struct SyntheticDumpSummary: Sendable, Equatable {
    /// Top-level objects written per resource.
    public var objects: [Resource: Int]
    /// Bytes written per resource file.
    public var bytes: [Resource: Int]
    /// Subscription items embedded in the subscriptions.
    public var subscriptionItems: Int
    /// Line items embedded in the invoices.
    public var invoiceLineItems: Int
    /// Lines embedded in the credit notes.
    public var creditNoteLines = 0
    /// Line items embedded in the checkout sessions.
    public var checkoutSessionLineItems = 0
    /// Customers deliberately left out of `customers.json` (deleted in Stripe) while their
    /// subscriptions, invoices, payment intents and charges still reference them.
    public var deletedCustomers: Int
    /// The files written, in resource order.
    public var files: [String]

    /// An empty summary.
    public init() {
        objects = [:]
        bytes = [:]
        subscriptionItems = 0
        invoiceLineItems = 0
        deletedCustomers = 0
        files = []
    }

    /// All top-level objects written.
    public var totalObjects: Int { objects.values.reduce(0, +) }

    /// All bytes written.
    public var totalBytes: Int { bytes.values.reduce(0, +) }
}
