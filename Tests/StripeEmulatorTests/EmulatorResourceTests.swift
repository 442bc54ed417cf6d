import Foundation
import Testing
@testable import StripeEmulator

@Suite("Emulator resources")
struct EmulatorResourceTests {
    private func id(_ result: CurlResult) -> String { result.body?["id"]?.stringValue ?? "" }

    @Test func subscriptionWithDefaultPaymentMethodIsPaidAndLinked() async throws {
        try await withEmulator { curl, _ in
            let product = try await curl.call("POST", "/v1/products", [("name", "Pro")])
            #expect(id(product).hasPrefix("prod_"))
            let price = try await curl.call("POST", "/v1/prices", [("product", id(product)), ("currency", "usd"),
                                                               ("unit_amount", "1500"), ("recurring[interval]", "month")])
            #expect(price.body?["type"]?.stringValue == "recurring")
            let customer = try await curl.call("POST", "/v1/customers", [("email", "s@example.com")])
            let attached = try await curl.call("POST", "/v1/payment_methods/pm_card_visa/attach", [("customer", id(customer))])
            #expect(id(attached).hasPrefix("pm_"))
            let subscription = try await curl.call("POST", "/v1/subscriptions", [
                ("customer", id(customer)), ("items[0][price]", id(price)), ("items[0][quantity]", "2"),
                ("default_payment_method", id(attached)), ("expand[]", "latest_invoice.payments.data.payment.payment_intent"),
            ])
            #expect(subscription.status == 200)
            #expect(subscription.body?["status"]?.stringValue == "active")
            let invoice = subscription.body?["latest_invoice"]
            #expect(invoice?["status"]?.stringValue == "paid")
            #expect(invoice?["amount_paid"]?.intValue == 3000)
            // The basil/clover shape: the invoice names no payment; its invoice payment does.
            for removed in ["payment_intent", "charge", "paid", "paid_out_of_band"] {
                #expect(invoice?[removed] == nil, "invoice still has \(removed)")
            }
            let payment = invoice?["payments"]?["data"]?.arrayValue?.first
            #expect(invoice?["payments"]?["data"]?.arrayValue?.count == 1)
            #expect(payment?["status"]?.stringValue == "paid" && payment?["is_default"] == .bool(true))
            #expect(payment?["amount_paid"]?.intValue == 3000)
            let intent = payment?["payment"]?["payment_intent"]
            #expect(intent?["status"]?.stringValue == "succeeded")
            #expect(intent?["invoice"] == nil)
            let chargeID = intent?["latest_charge"]?.stringValue ?? ""
            let charge = try await curl.call("GET", "/v1/charges/\(chargeID)")
            #expect(charge.body?["paid"] == .bool(true))
            #expect(charge.body?["invoice"] == nil)
            let invoiceID = invoice?["id"]?.stringValue ?? ""
            let listed = try await curl.call("GET", "/v1/invoice_payments", [("invoice", invoiceID)])
            #expect(listed.body?["data"]?.arrayValue?.map { $0["id"] } == [payment?["id"]])
            let other = try await curl.call("GET", "/v1/invoice_payments", [("invoice", "in_none")])
            #expect(other.body?["data"]?.arrayValue?.isEmpty == true)
            let retrieved = try await curl.call("GET", "/v1/invoice_payments/\(payment?["id"]?.stringValue ?? "")")
            #expect(retrieved.body?["invoice"]?.stringValue == invoiceID)
            #expect(retrieved.body?["payment"]?["payment_intent"]?.stringValue == intent?["id"]?.stringValue)
            let paidEvents = try await curl.call("GET", "/v1/events", [("type", "invoice_payment.paid")])
            #expect(paidEvents.body?["data"]?.arrayValue?.first?["data"]?["object"]?["id"] == payment?["id"])
            let lines = try await curl.call("GET", "/v1/invoices/\(invoice?["id"]?.stringValue ?? "")/lines", [("limit", "1")])
            #expect(lines.body?["data"]?.arrayValue?.first?["amount"]?.intValue == 3000)
            let events = try await curl.call("GET", "/v1/events", [("type", "invoice.paid")])
            #expect(events.body?["data"]?.arrayValue?.first?["data"]?["object"]?["id"] == invoice?["id"])
            let canceled = try await curl.call("DELETE", "/v1/subscriptions/\(id(subscription))")
            #expect(canceled.body?["status"]?.stringValue == "canceled")
            let active = try await curl.call("GET", "/v1/subscriptions", [("customer", id(customer))])
            #expect(active.body?["data"]?.arrayValue?.isEmpty == true)
            let all = try await curl.call("GET", "/v1/subscriptions", [("customer", id(customer)), ("status", "all")])
            #expect(all.body?["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func declinedCardAndRefunds() async throws {
        try await withEmulator { curl, _ in
            let declined = try await curl.call("POST", "/v1/payment_intents", [("amount", "500"), ("currency", "usd"),
                                                                         ("payment_method", "pm_card_chargeDeclined"),
                                                                         ("confirm", "true")])
            #expect(declined.status == 402)
            #expect(declined.body?["error"]?["type"]?.stringValue == "card_error")
            #expect(declined.body?["error"]?["decline_code"]?.stringValue == "generic_decline")
            let intent = try await curl.call("POST", "/v1/payment_intents", [("amount", "700"), ("currency", "usd")])
            #expect(intent.body?["status"]?.stringValue == "requires_payment_method")
            let confirmed = try await curl.call("POST", "/v1/payment_intents/\(id(intent))/confirm", [("payment_method", "pm_card_visa")])
            #expect(confirmed.body?["status"]?.stringValue == "succeeded")
            let refund = try await curl.call("POST", "/v1/refunds", [("payment_intent", id(intent)), ("amount", "200")])
            #expect(id(refund).hasPrefix("re_"))
            let charge = try await curl.call("GET", "/v1/charges/\(confirmed.body?["latest_charge"]?.stringValue ?? "")")
            #expect(charge.body?["amount_refunded"]?.intValue == 200)
            #expect(charge.body?["refunded"] == .bool(false))
        }
    }

    @Test func chargeCustomerFailAttachesButDeclinesCharges() async throws {
        try await withEmulator { curl, _ in
            let customer = try await curl.call("POST", "/v1/customers", [("email", "fail@example.com")])
            let method = try await curl.call("POST", "/v1/payment_methods", [("type", "card"), ("card[token]", "tok_chargeCustomerFail")])
            #expect(method.body?["card"]?["last4"]?.stringValue == "0341")
            let attached = try await curl.call("POST", "/v1/payment_methods/\(id(method))/attach", [("customer", id(customer))])
            #expect(attached.status == 200)
            #expect(attached.body?["customer"]?.stringValue == id(customer))
            let charged = try await curl.call("POST", "/v1/payment_intents", [
                ("amount", "900"), ("currency", "usd"), ("customer", id(customer)), ("payment_method", id(method)),
                ("confirm", "true"),
            ])
            #expect(charged.status == 402)
            #expect(charged.body?["error"]?["code"]?.stringValue == "card_declined")
            let intent = charged.body?["error"]?["payment_intent"]
            #expect(intent?["status"]?.stringValue == "requires_payment_method")
            #expect(intent?["last_payment_error"]?["code"]?.stringValue == "card_declined")
        }
    }

    @Test func deletedCustomerStaysRetrievableAndLeavesLists() async throws {
        try await withEmulator { curl, _ in
            let customer = try await curl.call("POST", "/v1/customers", [("name", "Gone")])
            let deleted = try await curl.call("DELETE", "/v1/customers/\(id(customer))")
            #expect(deleted.body?["deleted"] == .bool(true))
            let again = try await curl.call("GET", "/v1/customers/\(id(customer))")
            #expect(again.status == 200)
            #expect(again.body == .object(["id": .string(id(customer)), "object": "customer", "deleted": true]))
            #expect(try await curl.call("GET", "/v1/customers").body?["data"]?.arrayValue?.isEmpty == true)
            let events = try await curl.call("GET", "/v1/events", [("type", "customer.deleted")])
            #expect(events.body?["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func paginationFiltersAndExpansion() async throws {
        try await withEmulator { curl, _ in
            var ids: [String] = []
            for index in 0..<7 {
                let email = index % 2 == 0 ? "even@example.com" : "odd@example.com"
                ids.append(id(try await curl.call("POST", "/v1/customers", [("email", email)])))
            }
            let first = try await curl.call("GET", "/v1/customers", [("limit", "3")])
            let firstIDs = first.body?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(firstIDs == Array(ids.reversed().prefix(3)))
            #expect(first.body?["has_more"] == .bool(true))
            var seen = firstIDs
            var cursor = firstIDs.last!
            var pages = 0
            while pages < 10 {
                pages += 1
                let page = try await curl.call("GET", "/v1/customers", [("limit", "3"), ("starting_after", cursor)])
                let pageIDs = page.body?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
                seen += pageIDs
                if page.body?["has_more"] != .bool(true) { break }
                cursor = pageIDs.last!
            }
            #expect(seen == ids.reversed())
            let before = try await curl.call("GET", "/v1/customers", [("limit", "2"), ("ending_before", ids[3])])
            #expect(before.body?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[5], ids[4]])
            let evens = try await curl.call("GET", "/v1/customers", [("email", "even@example.com"), ("limit", "100")])
            #expect(evens.body?["data"]?.arrayValue?.count == 4)
            #expect(try await curl.call("GET", "/v1/customers", [("limit", "0")]).status == 400)
            let future = try await curl.call("GET", "/v1/customers", [("created[gt]", "4102444800")])
            #expect(future.body?["data"]?.arrayValue?.isEmpty == true)
            let product = try await curl.call("POST", "/v1/products", [("name", "P")])
            _ = try await curl.call("POST", "/v1/prices", [("product", id(product)), ("currency", "usd"), ("unit_amount", "100")])
            let prices = try await curl.call("GET", "/v1/prices", [("product", id(product)), ("expand[]", "data.product")])
            #expect(prices.body?["data"]?.arrayValue?.first?["product"]?["name"]?.stringValue == "P")
        }
    }

    @Test func seedsFromDumpDirectoryAndShapesCoverStripeFields() async throws {
        let sample = repositoryRoot + "/fixtures/sample"
        try await withEmulator(seedDirectory: sample) { curl, _ in
            let customers = try await curl.call("GET", "/v1/customers", [("limit", "100")])
            #expect((customers.body?["data"]?.arrayValue?.count ?? 0) > 0)
            // Seeded invoice payments are served as they are, and none is added for their invoices.
            let seededPayments = try String(contentsOfFile: sample + "/invoice_payments.json", encoding: .utf8)
                .split(separator: "\n").compactMap { JSONValue.parse(String($0)) }
            let payments = try await curl.call("GET", "/v1/invoice_payments", [("limit", "100")])
            let byID = { (objects: [JSONValue]) in objects.sorted { ($0["id"]?.stringValue ?? "") < ($1["id"]?.stringValue ?? "") } }
            #expect(!seededPayments.isEmpty)
            #expect(byID(payments.body?["data"]?.arrayValue ?? []) == byID(seededPayments))
            let shapes = JSONValue.parse(data: try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/fixtures/stripe-shapes.json")))
            let product = try await curl.call("POST", "/v1/products", [("name", "Shape")])
            let customer = try await curl.call("POST", "/v1/customers", [("name", "Shape")])
            for (name, object) in [("product", product.body), ("customer", customer.body)] {
                let expected = Set(shapes?[name]?.objectValue?.keys.map { $0 } ?? [])
                let actual = Set(object?.objectValue?.keys.map { $0 } ?? [])
                #expect(expected.subtracting(actual).isEmpty, "\(name) lacks \(expected.subtracting(actual))")
            }
        }
    }

    @Test func seededOldShapeInvoicesAreServedLinkedByInvoicePayments() async throws {
        // The sample without its invoice payments: a dump made before they existed.
        let sample = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-seed-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: repositoryRoot + "/fixtures/sample", toPath: sample)
        defer { try? FileManager.default.removeItem(atPath: sample) }
        try FileManager.default.removeItem(atPath: sample + "/invoice_payments.json")
        let text = try String(contentsOfFile: sample + "/invoices.json", encoding: .utf8)
        let seeded = text.split(separator: "\n").compactMap { JSONValue.parse(String($0)) }
        let linked = seeded.filter { $0["payment_intent"]?.stringValue != nil }
        #expect(!linked.isEmpty, "the sample has old-shape invoices naming their payment intent")
        try await withEmulator(seedDirectory: sample) { curl, _ in
            let invoices = try await curl.call("GET", "/v1/invoices", [("limit", "100")])
            for invoice in invoices.body?["data"]?.arrayValue ?? [] {
                for removed in EmulatorState.removedInvoiceFields {
                    #expect(invoice[removed] == nil, "\(invoice["id"]?.stringValue ?? "") still has \(removed)")
                }
            }
            let charges = try await curl.call("GET", "/v1/charges", [("limit", "100")])
            #expect(charges.body?["data"]?.arrayValue?.allSatisfy { $0["invoice"] == nil } == true)
            var listed: [JSONValue] = []
            var parameters = [("limit", "5")]
            while true {
                let page = try await curl.call("GET", "/v1/invoice_payments", parameters)
                let data = page.body?["data"]?.arrayValue ?? []
                listed += data
                guard page.body?["has_more"] == .bool(true), let last = data.last?["id"]?.stringValue else { break }
                parameters = [("limit", "5"), ("starting_after", last)]
            }
            #expect(listed.count == linked.count)
            for invoice in linked {
                let id = invoice["id"]?.stringValue ?? ""
                let payments = try await curl.call("GET", "/v1/invoice_payments", [("invoice", id)])
                let payment = payments.body?["data"]?.arrayValue?.first
                #expect(payments.body?["data"]?.arrayValue?.count == 1)
                #expect(payment?["payment"]?["payment_intent"] == invoice["payment_intent"])
                #expect(payment?["is_default"] == .bool(true))
                #expect(payment?["status"]?.stringValue == (invoice["status"]?.stringValue == "paid" ? "paid" : "open"))
            }
        }
    }
}
