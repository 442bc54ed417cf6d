import BundledFiles
import Foundation
import StripeJSON
import StripeSchema

/// Writes a deterministic, internally consistent synthetic set of Stripe dumps, one file per
/// resource (`products.json` ... `charges.json`), every object started from Stripe's own
/// example object so it is as wide as a real one.
///
/// Per customer: the customer, an attached card, a subscription with one or two items
/// (mostly active, some trialing, past due or canceled), about two invoices with one to three
/// lines, and a succeeded payment intent and charge for each paid invoice (about one charge
/// in ten refunded). About 3% of customers (at least one when there are two or more) are
/// deleted: absent from `customers.json` while everything else still references them. Half
/// the subscriptions and invoices use the pre-2025 API shape, and about one reference in ten
/// is an expanded object. Billing: a few dozen coupons, promotion codes, plans and tax rates for
/// the account, a discount on about one subscription in ten (embedded, as fetch lists them), the
/// invoice items behind one-time invoice lines, and the setup intent that saved each customer's card. The same templates, seed and count always give
/// the same bytes.
public struct SyntheticDumpGenerator: Sendable {
    /// The templates file; nil for the `fixtures/stripe-shapes.json` built into the executable.
    public let templates: URL?
    /// The seed every random choice and id derives from.
    public let seed: UInt64

    /// A generator reading its templates from `templates` (nil: the built-in ones).
    public init(templates: URL?, seed: UInt64) {
        self.templates = templates
        self.seed = seed
    }

    /// Writes the dump files for `customers` customers into `directory` (created if missing),
    /// each atomically. `formatOverrides` lays out chosen resources differently from `format`.
    /// Throws `LoaderError.usage` for a count below 1 and `LoaderError.dumpFile` for I/O problems.
    public func write(customers: Int, to directory: URL, format: SyntheticDumpFormat,
                      formatOverrides: [Resource: SyntheticDumpFormat] = [:]) throws -> SyntheticDumpSummary {
        guard customers >= 1 else { throw LoaderError.usage("the number of customers must be at least 1 (got \(customers))") }
        let templates = try self.templates.map { try SyntheticTemplates(contentsOf: $0) } ?? SyntheticTemplates(
            data: BundledFile.fixture(named: "stripe-shapes.json").contents, file: "fixtures/stripe-shapes.json (built into stripe-oltp)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw LoaderError.dumpFile(file: directory.path, reason: "cannot create directory: \(error.localizedDescription)")
        }

        let ids = SyntheticIDFactory(seed: seed)
        let catalog = SyntheticCatalog(
            count: max(3, customers / 50), templates: templates, ids: ids,
            start: SyntheticCustomerBuilder.customersStart - 365 * CivilCalendar.day,
            end: SyntheticCustomerBuilder.customersStart - 30 * CivilCalendar.day)
        let builder = SyntheticCustomerBuilder(
            templates: templates, catalog: catalog, ids: ids, customerCount: customers,
            deleted: SyntheticDumpGenerator.deletedCustomers(count: customers, seed: seed))

        var formats: [Resource: SyntheticDumpFormat] = [:]
        for resource in Resource.allCases { formats[resource] = formatOverrides[resource] ?? format }
        var writers: [Resource: SyntheticDumpFileWriter] = [:]
        defer { for writer in writers.values { writer.discard() } }
        for resource in Resource.allCases {
            writers[resource] = try SyntheticDumpFileWriter(directory: directory, resource: resource, format: formats[resource]!)
        }

        var products = SyntheticObjectBuffer(format: formats[.products]!)
        for product in catalog.products { products.append(product.object) }
        try writers[.products]!.append(products)
        var prices = SyntheticObjectBuffer(format: formats[.prices]!)
        for price in catalog.priceFileObjects { prices.append(price) }
        try writers[.prices]!.append(prices)
        var coupons = SyntheticObjectBuffer(format: formats[.coupons]!)
        for coupon in catalog.coupons.objects { coupons.append(coupon) }
        try writers[.coupons]!.append(coupons)
        let account = SyntheticAccountBilling(
            catalog: catalog, ids: ids, customers: customers, deleted: builder.deleted,
            start: SyntheticCustomerBuilder.customersStart - 365 * CivilCalendar.day, end: SyntheticCustomerBuilder.customersStart)
        for (resource, objects) in [(Resource.promotionCodes, account.promotionCodes), (.plans, account.plans), (.taxRates, account.taxRates)] {
            var buffer = SyntheticObjectBuffer(format: formats[resource]!)
            for object in objects { buffer.append(object) }
            try writers[resource]!.append(buffer)
        }

        var summary = SyntheticDumpSummary()
        summary.deletedCustomers = builder.deleted.count
        let chunkSize = 256
        var start = 0
        var payable: [SyntheticPayouts.Period: Int] = [:]
        while start < customers {
            let end = min(customers, start + chunkSize)
            let chunk = SyntheticDumpGenerator.build(start..<end, builder: builder, formats: formats)
            for resource in Resource.allCases {
                if let buffer = chunk.buffer(for: resource) { try writers[resource]!.append(buffer) }
            }
            summary.subscriptionItems += chunk.subscriptionItems
            summary.invoiceLineItems += chunk.invoiceLineItems
            payable.merge(chunk.payable, uniquingKeysWith: +)
            summary.creditNoteLines += chunk.creditNoteLines
            summary.checkoutSessionLineItems += chunk.checkoutSessionLineItems
            start = end
        }
        let paid = SyntheticPayouts.objects(payable, ids: ids)
        var payouts = SyntheticObjectBuffer(format: formats[.payouts]!)
        for payout in paid.payouts { payouts.append(payout) }
        try writers[.payouts]!.append(payouts)
        var transactions = SyntheticObjectBuffer(format: formats[.balanceTransactions]!)
        for transaction in paid.transactions { transactions.append(transaction) }
        try writers[.balanceTransactions]!.append(transactions)

        for resource in LoadOrder.resources {
            let writer = writers[resource]!
            summary.objects[resource] = writer.objects
            summary.bytes[resource] = try writer.commit()
            summary.files.append(writer.finalPath)
        }
        return summary
    }

    /// Serializes the objects of customers `range`.
    static func build(_ range: Range<Int>, builder: SyntheticCustomerBuilder,
                      formats: [Resource: SyntheticDumpFormat]) -> SyntheticChunk {
        var chunk = SyntheticChunk(formats: formats)
        for index in range { builder.build(index, into: &chunk) }
        return chunk
    }

    /// The positions of the customers deleted in Stripe: 3% of them, at least one when there
    /// are two or more, chosen by the seed.
    static func deletedCustomers(count: Int, seed: UInt64) -> Set<Int> {
        guard count >= 2 else { return [] }
        let wanted = max(1, count * 3 / 100)
        var random = SyntheticRandom(seed: seed, stream: 0xDE1E7ED)
        var chosen = Set<Int>()
        for upper in (count - wanted)..<count {  // Floyd's sampling
            let candidate = random.int(in: 0...upper)
            chosen.insert(chosen.contains(candidate) ? upper : candidate)
        }
        return chosen
    }
}
