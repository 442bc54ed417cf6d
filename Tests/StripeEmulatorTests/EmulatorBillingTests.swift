import Foundation
import Testing
@testable import StripeEmulator

@Suite("Emulator billing resources")
struct EmulatorBillingTests {
    private func id(_ result: CurlResult) -> String { result.body?["id"]?.stringValue ?? "" }

    private func eventTypes(_ curl: Curl) async throws -> [String] {
        let events = try await curl.call("GET", "/v1/events", [("limit", "100")])
        return (events.body?["data"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }.reversed()
    }

    @Test("coupons: merchant or generated ids, list, retrieve, delete with coupon.deleted")
    func coupons() async throws {
        try await withEmulator { curl, _ in
            let named = try await curl.call("POST", "/v1/coupons", [("id", "SUMMER25"), ("percent_off", "25"), ("duration", "once")])
            #expect(id(named) == "SUMMER25" && named.body?["valid"] == .bool(true))
            let generated = try await curl.call("POST", "/v1/coupons", [("amount_off", "500"), ("currency", "usd"), ("duration", "forever")])
            #expect(id(generated).count == 8 && !id(generated).contains("_"))
            let neither = try await curl.call("POST", "/v1/coupons", [("duration", "once")])
            #expect(neither.status == 400)
            let listed = try await curl.call("GET", "/v1/coupons")
            #expect(listed.body?["data"]?.arrayValue?.map { $0["id"]?.stringValue ?? "" } == [id(generated), "SUMMER25"])
            let deleted = try await curl.call("DELETE", "/v1/coupons/SUMMER25")
            #expect(deleted.body?["deleted"] == .bool(true) && deleted.body?["object"]?.stringValue == "coupon")
            #expect(try await curl.call("GET", "/v1/coupons/SUMMER25").status == 404)
            #expect(try await eventTypes(curl) == ["coupon.created", "coupon.created", "coupon.deleted"])
        }
    }

    @Test("a coupon on a customer or a promotion code on a subscription makes an embedded discount")
    func discounts() async throws {
        try await withEmulator { curl, _ in
            _ = try await curl.call("POST", "/v1/coupons", [("id", "HALF"), ("percent_off", "50"), ("duration", "repeating"),
                                                            ("duration_in_months", "3")])
            let promotion = try await curl.call("POST", "/v1/promotion_codes", [("coupon", "HALF"), ("code", "HALFOFF")])
            #expect(promotion.body?["coupon"]?["id"]?.stringValue == "HALF" && id(promotion).hasPrefix("promo_"))
            let customer = try await curl.call("POST", "/v1/customers", [("email", "d@example.com"), ("coupon", "HALF")])
            let discount = customer.body?["discount"]
            #expect(discount?["id"]?.stringValue?.hasPrefix("di_") == true)
            #expect(discount?["coupon"]?["id"]?.stringValue == "HALF" && discount?["customer"]?.stringValue == id(customer))
            #expect(discount?["end"]?.intValue != nil)
            let method = try await curl.call("POST", "/v1/payment_methods/pm_card_visa/attach", [("customer", id(customer))])
            let product = try await curl.call("POST", "/v1/products", [("name", "Pro")])
            let price = try await curl.call("POST", "/v1/prices", [("product", id(product)), ("currency", "usd"),
                                                               ("unit_amount", "2000"), ("recurring[interval]", "month")])
            let subscription = try await curl.call("POST", "/v1/subscriptions", [
                ("customer", id(customer)), ("items[0][price]", id(price)), ("default_payment_method", id(method)),
                ("promotion_code", id(promotion)), ("expand[]", "latest_invoice"), ("expand[]", "discounts"),
            ])
            let own = subscription.body?["discount"]
            #expect(own?["subscription"]?.stringValue == id(subscription) && own?["promotion_code"]?.stringValue == id(promotion))
            #expect(subscription.body?["discounts"]?.arrayValue?.first?["id"] == own?["id"])
            #expect(subscription.body?["latest_invoice"]?["amount_paid"]?.intValue == 1000)
            #expect(subscription.body?["latest_invoice"]?["discounts"]?.arrayValue?.first == own?["id"])
            let coupon = try await curl.call("GET", "/v1/coupons/HALF")
            #expect(coupon.body?["times_redeemed"]?.intValue == 2)
            let removed = try await curl.call("DELETE", "/v1/customers/\(id(customer))/discount")
            #expect(removed.body?["deleted"] == .bool(true))
            #expect(try await curl.call("GET", "/v1/customers/\(id(customer))").body?["discount"] == .null)
            let types = try await eventTypes(curl)
            #expect(types.filter { $0.hasPrefix("customer.discount.") }
                    == ["customer.discount.created", "customer.discount.created", "customer.discount.deleted"])
        }
    }

    @Test("plans, tax rates, invoice items and setup intents: create, list, retrieve, their events")
    func otherResources() async throws {
        try await withEmulator { curl, _ in
            let product = try await curl.call("POST", "/v1/products", [("name", "Legacy")])
            let plan = try await curl.call("POST", "/v1/plans", [("product", id(product)), ("amount", "700"), ("currency", "usd"),
                                                             ("interval", "month")])
            #expect(plan.body?["object"]?.stringValue == "plan" && plan.body?["amount"]?.intValue == 700)
            #expect(try await curl.call("GET", "/v1/plans", [("product", id(product))]).body?["data"]?.arrayValue?.count == 1)
            #expect(try await curl.call("DELETE", "/v1/plans/\(id(plan))").body?["deleted"] == .bool(true))
            let rate = try await curl.call("POST", "/v1/tax_rates", [("display_name", "VAT"), ("percentage", "19"), ("inclusive", "false")])
            #expect(id(rate).hasPrefix("txr_") && rate.body?["percentage"]?.intValue == 19)
            #expect(try await curl.call("GET", "/v1/tax_rates/\(id(rate))").status == 200)
            let customer = try await curl.call("POST", "/v1/customers", [("email", "i@example.com")])
            let item = try await curl.call("POST", "/v1/invoiceitems", [("customer", id(customer)), ("amount", "1500"), ("currency", "usd")])
            #expect(item.body?["object"]?.stringValue == "invoiceitem" && item.body?["date"]?.intValue != nil)
            #expect(item.body?["created"] == nil)
            _ = try await curl.call("POST", "/v1/invoiceitems/\(id(item))", [("description", "Setup fee")])
            let pending = try await curl.call("GET", "/v1/invoiceitems", [("customer", id(customer)), ("pending", "true")])
            #expect(pending.body?["data"]?.arrayValue?.first?["description"]?.stringValue == "Setup fee")
            #expect(try await curl.call("DELETE", "/v1/invoiceitems/\(id(item))").body?["deleted"] == .bool(true))
            let setup = try await curl.call("POST", "/v1/setup_intents", [("customer", id(customer)), ("payment_method", "pm_card_visa"),
                                                                       ("confirm", "true")])
            #expect(setup.body?["status"]?.stringValue == "succeeded")
            let methods = try await curl.call("GET", "/v1/customers/\(id(customer))/payment_methods")
            #expect(methods.body?["data"]?.arrayValue?.first?["id"] == setup.body?["payment_method"])
            let types = try await eventTypes(curl)
            #expect(types.contains("plan.created") && types.contains("plan.deleted") && types.contains("tax_rate.created"))
            #expect(types.filter { $0.hasPrefix("invoiceitem.") } == ["invoiceitem.created", "invoiceitem.deleted"])
            #expect(types.filter { $0.hasPrefix("setup_intent.") } == ["setup_intent.created", "setup_intent.succeeded"])
        }
    }
}
