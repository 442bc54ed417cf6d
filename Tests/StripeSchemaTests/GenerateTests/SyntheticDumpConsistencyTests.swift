import Foundation
import PureTestSupport
import StripeSchema
import Testing

extension GenerateTests {
    /// Checks the content of generated dumps against the rules a loader relies on.
    @Suite("Synthetic dumps: references, amounts and shapes")
    struct Consistency {
        private typealias Dump = GeneratedDumpSet

        @Test("every reference resolves within the dump set, except to the deleted customers")
        func referencesResolve() throws {
            let dump = try Dump.generate(customers: 120, seed: 3)
            defer { dump.remove() }
            let products = dump.ids(.products), prices = dump.ids(.prices), customers = dump.ids(.customers)
            let methods = dump.ids(.paymentMethods), subscriptions = dump.ids(.subscriptions)
            let invoices = dump.ids(.invoices), intents = dump.ids(.paymentIntents), charges = dump.ids(.charges)
            var referencedCustomers = Set<String>()
            var itemIDs = Set<String>()

            func expectIn(_ value: Any?, _ ids: Set<String>, _ what: String, nullable: Bool = false) {
                guard let id = Dump.reference(value) else {
                    #expect(nullable, "\(what) is missing")
                    return
                }
                #expect(ids.contains(id), "\(what) \(id) does not resolve")
            }
            func customer(_ value: Any?, _ what: String) {
                guard let id = Dump.reference(value) else {
                    Issue.record("\(what) has no customer")
                    return
                }
                referencedCustomers.insert(id)
                if let expanded = value as? [String: Any], !customers.contains(id) {
                    #expect(expanded["deleted"] as? Bool == true, "expanded deleted customer \(id) is not marked deleted")
                }
            }

            for price in dump[.prices] { expectIn(price["product"], products, "price.product") }
            for product in dump[.products] { expectIn(product["default_price"], prices, "product.default_price") }
            for object in dump[.customers] {
                expectIn(Dump.value(object, "invoice_settings", "default_payment_method"), methods, "customer default payment method")
            }
            for method in dump[.paymentMethods] { expectIn(method["customer"], customers, "payment_method.customer", nullable: true) }
            for subscription in dump[.subscriptions] {
                let id = subscription["id"] as? String
                customer(subscription["customer"], "subscription")
                expectIn(subscription["default_payment_method"], methods, "subscription.default_payment_method")
                expectIn(subscription["latest_invoice"], invoices, "subscription.latest_invoice")
                let items = Dump.value(subscription, "items", "data") as? [[String: Any]] ?? []
                #expect(!items.isEmpty && items.count <= 2)
                for item in items {
                    expectIn(item["price"], prices, "subscription item price")
                    #expect(item["subscription"] as? String == id)
                    if let itemID = item["id"] as? String { itemIDs.insert(itemID) }
                }
            }
            for invoice in dump[.invoices] {
                let id = invoice["id"] as? String
                customer(invoice["customer"], "invoice")
                expectIn(invoice["subscription"] ?? Dump.value(invoice, "parent", "subscription_details", "subscription"),
                         subscriptions, "invoice subscription", nullable: true)
                expectIn(invoice["payment_intent"], intents, "invoice.payment_intent", nullable: true)
                for line in Dump.value(invoice, "lines", "data") as? [[String: Any]] ?? [] {
                    #expect(line["invoice"] as? String == id)
                    expectIn(line["price"] ?? Dump.value(line, "pricing", "price_details", "price"), prices, "line price")
                    let details = Dump.value(line, "parent", "subscription_item_details") as? [String: Any]
                    let subscription = line["subscription"] as? String ?? details?["subscription"]
                        ?? Dump.value(line, "parent", "invoice_item_details", "subscription")
                    expectIn(subscription, subscriptions, "line subscription", nullable: true)
                    expectIn(line["subscription_item"] ?? details?["subscription_item"], itemIDs, "line subscription item", nullable: true)
                }
            }
            for intent in dump[.paymentIntents] {
                customer(intent["customer"], "payment intent")
                expectIn(intent["payment_method"], methods, "payment_intent.payment_method")
                expectIn(intent["latest_charge"], charges, "payment_intent.latest_charge")
                expectIn(intent["invoice"], invoices, "payment_intent.invoice", nullable: true)
            }
            for charge in dump[.charges] {
                customer(charge["customer"], "charge")
                expectIn(charge["payment_intent"], intents, "charge.payment_intent")
                expectIn(charge["payment_method"], methods, "charge.payment_method")
                expectIn(charge["invoice"], invoices, "charge.invoice", nullable: true)
            }

            let deleted = referencedCustomers.subtracting(customers)
            #expect(deleted.count == dump.summary.deletedCustomers)
            #expect(deleted.count == 3, "3% of 120 customers are deleted")
            for subscription in dump[.subscriptions] where deleted.contains(Dump.reference(subscription["customer"]) ?? "") {
                #expect(subscription["status"] as? String == "canceled", "a deleted customer's subscription is canceled")
                #expect(subscription["ended_at"] is NSNumber)
            }
            #expect(customers.isSubset(of: referencedCustomers))
        }

        @Test("invoice totals equal the sum of their lines and paid invoices are settled")
        func invoiceTotals() throws {
            let dump = try Dump.generate(customers: 150, seed: 11)
            defer { dump.remove() }
            var statuses: [String: Int] = [:]
            for invoice in dump[.invoices] {
                let lines = Dump.value(invoice, "lines", "data") as? [[String: Any]] ?? []
                let sum = lines.reduce(0) { $0 + (Dump.int($1["amount"]) ?? 0) }
                let total = Dump.int(invoice["total"])
                #expect((1...3).contains(lines.count))
                #expect(Dump.int(Dump.value(invoice, "lines", "total_count")) == lines.count)
                #expect(Dump.value(invoice, "lines", "url") as? String == "/v1/invoices/\(invoice["id"] as? String ?? "")/lines")
                #expect(total == sum)
                #expect(Dump.int(invoice["subtotal"]) == sum)
                #expect(Dump.int(invoice["amount_due"]) == sum)
                let status = invoice["status"] as? String ?? ""
                statuses[status, default: 0] += 1
                if status == "paid" {
                    #expect(Dump.int(invoice["amount_paid"]) == sum)
                    #expect(Dump.int(invoice["amount_remaining"]) == 0)
                    #expect(Dump.value(invoice, "status_transitions", "paid_at") is NSNumber)
                } else {
                    #expect(status == "open")
                    #expect(Dump.int(invoice["amount_paid"]) == 0)
                    #expect(Dump.int(invoice["amount_remaining"]) == sum)
                }
            }
            #expect(Set(statuses.keys) == ["paid", "open"])
            #expect((statuses["paid"] ?? 0) > 5 * (statuses["open"] ?? 0), "mostly paid: \(statuses)")
        }

        @Test("one succeeded payment intent and charge per paid invoice, refunds within the amount")
        func payments() throws {
            let dump = try Dump.generate(customers: 150, seed: 12)
            defer { dump.remove() }
            let invoices = Dictionary(uniqueKeysWithValues: dump[.invoices].map { ($0["id"] as? String ?? "", $0) })
            let charges = Dictionary(uniqueKeysWithValues: dump[.charges].map { ($0["id"] as? String ?? "", $0) })
            let payable = dump[.invoices].filter { $0["status"] as? String == "paid" && (Dump.int($0["total"]) ?? 0) > 0 }
            #expect(dump[.paymentIntents].count == payable.count)
            #expect(dump[.charges].count == payable.count)
            var refunded = 0
            for intent in dump[.paymentIntents] {
                let amount = Dump.int(intent["amount"])
                #expect(intent["status"] as? String == "succeeded")
                #expect(Dump.int(intent["amount_received"]) == amount)
                guard let charge = charges[Dump.reference(intent["latest_charge"]) ?? ""] else {
                    Issue.record("payment intent without its charge")
                    continue
                }
                #expect(Dump.reference(charge["payment_intent"]) == intent["id"] as? String)
                #expect(Dump.int(charge["amount"]) == amount)
                if let invoiceID = Dump.reference(intent["invoice"]) {
                    #expect(Dump.int(invoices[invoiceID]?["total"]) == amount)
                    #expect(Dump.reference(invoices[invoiceID]?["payment_intent"]) == intent["id"] as? String)
                    #expect(Dump.reference(charge["invoice"]) == invoiceID)
                }
            }
            for charge in dump[.charges] {
                let amount = Dump.int(charge["amount"]) ?? -1
                let amountRefunded = Dump.int(charge["amount_refunded"]) ?? -1
                #expect(charge["status"] as? String == "succeeded")
                #expect(charge["paid"] as? Bool == true)
                #expect(charge["captured"] as? Bool == true)
                #expect(Dump.int(charge["amount_captured"]) == amount)
                #expect(amountRefunded >= 0 && amountRefunded <= amount)
                #expect((charge["refunded"] as? Bool) == (amountRefunded == amount))
                let refunds = Dump.value(charge, "refunds", "data") as? [[String: Any]] ?? []
                #expect(refunds.reduce(0) { $0 + (Dump.int($1["amount"]) ?? 0) } == amountRefunded)
                if amountRefunded > 0 { refunded += 1 }
            }
            let share = Double(refunded) / Double(dump[.charges].count)
            #expect(share > 0.03 && share < 0.2, "about one charge in ten is refunded: \(share)")
            // Each paid invoice's payment intent is linked by one paid, default invoice payment.
            let intents = Dictionary(uniqueKeysWithValues: dump[.paymentIntents].map { ($0["id"] as? String ?? "", $0) })
            let payments = Dictionary(grouping: dump[.invoicePayments]) { $0["invoice"] as? String ?? "" }
            #expect(dump[.invoicePayments].count == payable.count)
            for invoice in payable {
                let linked = payments[invoice["id"] as? String ?? ""] ?? []
                #expect(linked.count == 1)
                guard let payment = linked.first else { continue }
                let intent = intents[Dump.value(payment, "payment", "payment_intent") as? String ?? ""]
                #expect(intent != nil, "invoice payment names a payment intent of the dump")
                #expect(Dump.int(payment["amount_paid"]) == Dump.int(invoice["total"]))
                #expect(Dump.int(intent?["amount"]) == Dump.int(invoice["total"]))
                #expect(payment["status"] as? String == "paid" && payment["is_default"] as? Bool == true)
                if let own = Dump.reference(invoice["payment_intent"]) { #expect(own == intent?["id"] as? String) }
            }
        }

        @Test("ids are unique and carry Stripe's prefixes")
        func uniqueIDs() throws {
            let dump = try Dump.generate(customers: 200, seed: 13)
            defer { dump.remove() }
            let prefixes: [Resource: String] = [
                .products: "prod_", .prices: "price_", .customers: "cus_", .paymentMethods: "pm_",
                .subscriptions: "sub_", .invoices: "in_", .paymentIntents: "pi_", .charges: "ch_",
                .invoicePayments: "inpay_", .refunds: "re_", .disputes: "dp_", .balanceTransactions: "txn_",
                .payouts: "po_",
                // Coupons carry the merchant's own ids, without a prefix.
                .coupons: "", .promotionCodes: "promo_", .plans: "price_", .taxRates: "txr_", .invoiceItems: "ii_",
                .setupIntents: "seti_", .discounts: "di_", .creditNotes: "cn_", .checkoutSessions: "cs_",
                .events: "evt_",
            ]
            var all: [String] = []
            for resource in Resource.allCases {
                for object in dump[resource] {
                    let id = object["id"] as? String ?? ""
                    #expect(id.hasPrefix(prefixes[resource]!), "\(id) in \(resource.fileName)")
                    // A plan is the legacy view of a recurring price: it shares the price's id.
                    if resource == .plans { continue }
                    all.append(id)
                }
            }
            #expect(dump.ids(.plans).isSubset(of: dump.ids(.prices)), "every plan id is a price id")
            for subscription in dump[.subscriptions] {
                for item in Dump.value(subscription, "items", "data") as? [[String: Any]] ?? [] {
                    let id = item["id"] as? String ?? ""
                    #expect(id.hasPrefix("si_"))
                    all.append(id)
                }
            }
            for invoice in dump[.invoices] {
                for line in Dump.value(invoice, "lines", "data") as? [[String: Any]] ?? [] {
                    let id = line["id"] as? String ?? ""
                    #expect(id.hasPrefix("il_"))
                    all.append(id)
                }
            }
            // A charge's balance transaction and embedded refunds are top-level objects of their own.
            let transactions = dump.ids(.balanceTransactions), refunds = dump.ids(.refunds)
            for charge in dump[.charges] {
                #expect(transactions.contains(charge["balance_transaction"] as? String ?? ""))
                for refund in Dump.value(charge, "refunds", "data") as? [[String: Any]] ?? [] {
                    #expect(refunds.contains(refund["id"] as? String ?? ""))
                    #expect(transactions.contains(refund["balance_transaction"] as? String ?? ""))
                }
            }
            #expect(Set(all).count == all.count, "duplicate ids")
            #expect(all.allSatisfy { !$0.isEmpty })
        }

        @Test("both API shapes and both reference forms appear")
        func shapes() throws {
            let dump = try Dump.generate(customers: 200, seed: 14)
            defer { dump.remove() }
            let subscriptions = dump[.subscriptions]
            let oldSubscriptions = subscriptions.filter { $0["current_period_start"] != nil }
            #expect(oldSubscriptions.count == subscriptions.count / 2)
            for subscription in subscriptions {
                for item in Dump.value(subscription, "items", "data") as? [[String: Any]] ?? [] {
                    #expect(item["current_period_start"] is NSNumber && item["current_period_end"] is NSNumber)
                    #expect((item["price"] as? [String: Any])?["object"] as? String == "price", "item prices are expanded")
                }
            }
            let invoices = dump[.invoices]
            let old = invoices.filter { $0.keys.contains("subscription") }
            let current = invoices.filter { !$0.keys.contains("subscription") }
            #expect(old.count > invoices.count / 3 && current.count > invoices.count / 3)
            for invoice in old {
                #expect(invoice.keys.contains("payment_intent") && invoice["parent"] == nil)
                for line in Dump.value(invoice, "lines", "data") as? [[String: Any]] ?? [] {
                    #expect(line["price"] is [String: Any] && line.keys.contains("subscription") && line["pricing"] == nil)
                }
            }
            for invoice in current {
                #expect(!invoice.keys.contains("payment_intent"))
                #expect(invoice["billing_reason"] as? String == "manual"
                        || Dump.value(invoice, "parent", "subscription_details", "subscription") is String)
                for line in Dump.value(invoice, "lines", "data") as? [[String: Any]] ?? [] {
                    #expect(Dump.value(line, "pricing", "price_details", "price") is String && line["price"] == nil)
                }
            }
            #expect(dump[.paymentIntents].contains { $0["invoice"] is String })
            #expect(dump[.paymentIntents].contains { $0["invoice"] == nil })
            #expect(dump[.charges].contains { $0["invoice"] is String })
            for resource in [Resource.invoices, .charges, .paymentIntents, .subscriptions] {
                let expanded = dump[resource].filter { $0["customer"] is [String: Any] }.count
                let share = Double(expanded) / Double(dump[resource].count)
                #expect(share > 0.02 && share < 0.25, "\(resource.fileName): \(share) of customers expanded")
            }
            let statuses = Set(subscriptions.compactMap { $0["status"] as? String })
            #expect(statuses.isSuperset(of: ["active", "trialing", "canceled"]))
        }

        @Test("timestamps follow cause and effect; objects are as wide as Stripe's")
        func timelineAndWidth() throws {
            let dump = try Dump.generate(customers: 100, seed: 15)
            defer { dump.remove() }
            let customerCreated = dump[.customers].compactMap { Dump.int($0["created"]) }
            #expect(customerCreated == customerCreated.sorted(), "customers are in creation order")
            let productCreated = Dictionary(uniqueKeysWithValues: dump[.products].map { ($0["id"] as? String ?? "", Dump.int($0["created"]) ?? 0) })
            let priceCreated = dump[.prices].compactMap { Dump.int($0["created"]) }
            #expect(priceCreated == priceCreated.sorted(), "prices are in creation order")
            for price in dump[.prices] {
                #expect(productCreated[Dump.reference(price["product"]) ?? ""] ?? .max < Dump.int(price["created"]) ?? 0)
            }
            #expect(productCreated.values.max() ?? .max < customerCreated.min() ?? 0, "the catalog predates the customers")
            let methods = Dictionary(uniqueKeysWithValues: dump[.paymentMethods].map { ($0["id"] as? String ?? "", $0) })
            let intents = Dictionary(uniqueKeysWithValues: dump[.paymentIntents].map { ($0["id"] as? String ?? "", $0) })
            let asOf = 1_748_736_000
            for subscription in dump[.subscriptions] {
                let method = methods[Dump.reference(subscription["default_payment_method"]) ?? ""]
                let created = Dump.int(subscription["created"]) ?? 0
                #expect(Dump.int(method?["created"]) ?? .max < created)
                #expect(created < asOf)
                if let ended = Dump.int(subscription["ended_at"]) { #expect(ended > created && ended < asOf) }
            }
            for charge in dump[.charges] {
                let intent = intents[Dump.reference(charge["payment_intent"]) ?? ""]
                #expect(Dump.int(intent?["created"]) ?? .max < Dump.int(charge["created"]) ?? 0)
                #expect(Dump.int(charge["created"]) ?? .max < asOf)
            }
            for invoice in dump[.invoices] {
                #expect(Dump.int(invoice["created"]) ?? .max <= Dump.int(Dump.value(invoice, "status_transitions", "finalized_at")) ?? 0)
            }
            let bytes = try dump.fileBytes()
            for resource in [Resource.invoices, .charges] {
                let average = (bytes[resource.fileName]?.count ?? 0) / max(1, dump[resource].count)
                #expect(average >= 2000 && average <= 5000, "\(resource.fileName) objects average \(average) bytes")
            }
        }
    }
}
