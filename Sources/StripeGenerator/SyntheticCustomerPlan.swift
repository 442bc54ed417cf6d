/// Everything decided about one synthetic customer before its objects are assembled: who
/// they are, their card, their subscription's timeline and their invoices.
struct SyntheticCustomerPlan: Sendable {
    /// Position among the generated customers.
    var index = 0
    /// `cus_...`.
    var id = ""
    /// Deleted in Stripe: absent from `customers.json`, still referenced by everything else.
    var deleted = false
    /// Creation time.
    var created = 0
    /// Display name (a person or a company).
    var name = ""
    /// E-mail address.
    var email = ""
    /// Phone number.
    var phone = ""
    /// Two-letter country.
    var country = ""
    /// The address object.
    var address: SyntheticJSON = .null
    /// Preferred locale.
    var locale = ""
    /// Customer metadata.
    var metadata: SyntheticJSON = [:]
    /// The customer's invoice number prefix.
    var invoicePrefix = ""
    /// Lower-case currency of everything the customer buys.
    var currency = ""

    /// `pm_...`.
    var paymentMethodID = ""
    /// When the card was added.
    var paymentMethodCreated = 0
    /// Card network (`visa`, ...).
    var cardBrand = ""
    /// Card `display_brand`.
    var cardDisplayBrand = ""
    /// Last four digits.
    var cardLast4 = ""
    /// Expiry month.
    var cardExpMonth = 1
    /// Expiry year.
    var cardExpYear = 2030
    /// `credit` or `debit`.
    var cardFunding = "credit"
    /// Card fingerprint.
    var cardFingerprint = ""

    /// `sub_...`.
    var subscriptionID = ""
    /// When the subscription was created (also its start date).
    var subscriptionCreated = 0
    /// `active`, `past_due`, `trialing` or `canceled`.
    var status = "active"
    /// Items: id, catalog price index and quantity.
    var items: [(id: String, price: Int, quantity: Int)] = []
    /// `month` or `year`.
    var interval = "month"
    /// Billing cycle anchor.
    var billingCycleAnchor = 0
    /// Current (or, once ended, last) period start.
    var currentPeriodStart = 0
    /// Current (or last) period end.
    var currentPeriodEnd = 0
    /// Trial start, if it has a trial.
    var trialStart: Int?
    /// Trial end, if it has a trial.
    var trialEnd: Int?
    /// When cancellation was requested.
    var canceledAt: Int?
    /// When it ended.
    var endedAt: Int?
    /// Scheduled end for a cancellation at period end.
    var cancelAt: Int?
    /// Whether it was canceled at the end of a period.
    var cancelAtPeriodEnd = false
    /// Serialized in the pre-2025 API shape (`current_period_*` also on the subscription).
    var oldSubscriptionShape = false

    /// Invoices of earlier periods that are not in the dump (they count in invoice numbers).
    var earlierInvoices = 0
    /// Invoices ordered by creation.
    var invoices: [SyntheticInvoicePlan] = []

    /// Whether any invoice is still open.
    var delinquent: Bool { invoices.contains { !$0.paid } }

    /// The last invoice billing the subscription.
    var latestSubscriptionInvoiceID: String? { invoices.last { $0.billsSubscription }?.id }
}
