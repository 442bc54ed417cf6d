import StripeSchema

/// The serialized objects of a run of consecutive customers, one buffer per resource the
/// customers produced, ready to be appended to the dump files in order.
struct SyntheticChunk: Sendable {
    /// Each resource's layout.
    private let formats: [Resource: SyntheticDumpFormat]
    /// The objects of each resource appended so far.
    private var buffers: [Resource: SyntheticObjectBuffer] = [:]
    /// Subscription items embedded in the subscriptions.
    var subscriptionItems = 0
    /// Line items embedded in the invoices.
    var invoiceLineItems = 0
    /// The net of the balance transactions per payout period, for the account's payouts.
    var payable: [SyntheticPayouts.Period: Int] = [:]
    /// Lines embedded in the credit notes.
    var creditNoteLines = 0
    /// Line items embedded in the checkout sessions.
    var checkoutSessionLineItems = 0

    /// Empty buffers laid out per resource by `formats`.
    init(formats: [Resource: SyntheticDumpFormat]) {
        self.formats = formats
    }

    /// Serializes `object` into the buffer of `resource`.
    mutating func append(_ object: SyntheticJSON, to resource: Resource) {
        buffers[resource, default: SyntheticObjectBuffer(format: formats[resource] ?? .ndjson)].append(object)
    }

    /// The buffer of `resource` (nil when the chunk holds none of its objects).
    func buffer(for resource: Resource) -> SyntheticObjectBuffer? {
        buffers[resource]
    }
}
