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
                ("default_payment_method", id(attached)), ("expand[]", "latest_invoice.payment_intent"),
            ])
            #expect(subscription.status == 200)
            #expect(subscription.body?["status"]?.stringValue == "active")
            let invoice = subscription.body?["latest_invoice"]
            #expect(invoice?["status"]?.stringValue == "paid")
            #expect(invoice?["amount_paid"]?.intValue == 3000)
            #expect(invoice?["payment_intent"]?["status"]?.stringValue == "succeeded")
            let chargeID = invoice?["payment_intent"]?["latest_charge"]?.stringValue ?? ""
            let charge = try await curl.call("GET", "/v1/charges/\(chargeID)")
            #expect(charge.body?["paid"] == .bool(true))
            #expect(charge.body?["invoice"]?.stringValue == invoice?["id"]?.stringValue)
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
}
