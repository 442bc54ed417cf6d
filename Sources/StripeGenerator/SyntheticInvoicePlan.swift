/// One planned invoice of a synthetic customer, with the payment that settled it.
struct SyntheticInvoicePlan: Sendable {
    /// `in_...`.
    var id: String
    /// Creation time.
    var created: Int
    /// `subscription_create`, `subscription_cycle` or `manual`.
    var billingReason: String
    /// Whether it bills the customer's subscription.
    var billsSubscription: Bool
    /// The lines, in order.
    var lines: [SyntheticLinePlan]
    /// The invoice's own `period_start`.
    var periodStart: Int
    /// The invoice's own `period_end`.
    var periodEnd: Int
    /// Paid (otherwise open, awaiting a retry).
    var paid: Bool
    /// When it was finalized.
    var finalizedAt: Int
    /// The customer-facing number, e.g. `7FE1103A-0002`; set once all invoices are planned.
    var number = ""
    /// The payment intent that paid it (paid invoices with a non-zero total).
    var paymentIntentID: String?
    /// The charge of that payment intent.
    var chargeID: String?
    /// When the payment intent was created.
    var paymentIntentCreated = 0
    /// When the charge was created.
    var chargeCreated = 0
    /// When it was marked paid.
    var paidAt: Int?
    /// Serialized in the pre-2025 API shape (top-level `subscription` and `payment_intent`).
    var oldShape = false

    /// The sum of its line amounts: its subtotal, total and amount due.
    var total: Int { lines.reduce(0) { $0 + $1.amount } }
}
