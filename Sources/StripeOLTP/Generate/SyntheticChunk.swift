/// The serialized objects of a run of consecutive customers, one buffer per resource, ready
/// to be appended to the dump files in order.
struct SyntheticChunk: Sendable {
    /// `customers.json` objects.
    var customers: SyntheticObjectBuffer
    /// `payment_methods.json` objects.
    var paymentMethods: SyntheticObjectBuffer
    /// `subscriptions.json` objects.
    var subscriptions: SyntheticObjectBuffer
    /// `invoices.json` objects.
    var invoices: SyntheticObjectBuffer
    /// `payment_intents.json` objects.
    var paymentIntents: SyntheticObjectBuffer
    /// `charges.json` objects.
    var charges: SyntheticObjectBuffer
    /// `invoice_payments.json` objects.
    var invoicePayments: SyntheticObjectBuffer
    /// Subscription items embedded in `subscriptions`.
    var subscriptionItems = 0
    /// Line items embedded in `invoices`.
    var invoiceLineItems = 0

    /// Empty buffers laid out per resource by `formats`.
    init(formats: [Resource: SyntheticDumpFormat]) {
        customers = SyntheticObjectBuffer(format: formats[.customers] ?? .ndjson)
        paymentMethods = SyntheticObjectBuffer(format: formats[.paymentMethods] ?? .ndjson)
        subscriptions = SyntheticObjectBuffer(format: formats[.subscriptions] ?? .ndjson)
        invoices = SyntheticObjectBuffer(format: formats[.invoices] ?? .ndjson)
        paymentIntents = SyntheticObjectBuffer(format: formats[.paymentIntents] ?? .ndjson)
        charges = SyntheticObjectBuffer(format: formats[.charges] ?? .ndjson)
        invoicePayments = SyntheticObjectBuffer(format: formats[.invoicePayments] ?? .ndjson)
    }

    /// The buffer of `resource` (nil for catalog resources).
    func buffer(for resource: Resource) -> SyntheticObjectBuffer? {
        switch resource {
        case .products, .prices: return nil
        case .customers: return customers
        case .paymentMethods: return paymentMethods
        case .subscriptions: return subscriptions
        case .invoices: return invoices
        case .paymentIntents: return paymentIntents
        case .charges: return charges
        case .invoicePayments: return invoicePayments
        }
    }
}
