/// One planned invoice line: a subscription item's charge for a period, or a one-time
/// invoice item.
struct SyntheticLinePlan: Sendable {
    /// `il_...`.
    let id: String
    /// Index into the catalog's prices.
    let price: Int
    /// Units billed.
    let quantity: Int
    /// quantity × unit amount (0 during a trial).
    let amount: Int
    /// Start of the service period.
    let periodStart: Int
    /// End of the service period.
    let periodEnd: Int
    /// The subscription item billed (`si_...`), nil for an invoice item.
    let subscriptionItemID: String?
    /// The invoice item (`ii_...`), nil for a subscription item line.
    let invoiceItemID: String?
    /// Human-readable description.
    let description: String
}
