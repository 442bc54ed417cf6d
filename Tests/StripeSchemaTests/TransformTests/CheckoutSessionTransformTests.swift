import Foundation
import PureTestSupport
import StripeSchema
import Testing

@Suite("Checkout sessions and their line items: today's shape and older ones")
struct CheckoutSessionTransformTests {
    let spec = ResourceSpec.of(.checkoutSessions)

    @Test("fixtures3's session (line items are includable only, so absent): typed columns, no child rows")
    func todaysShape() throws {
        let row = try Transformer.transform(SalesShapes.object("checkout.session"), spec: spec)
        #expect(row.id == "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY")
        #expect(Resource(objectName: "checkout.session") == .checkoutSessions)
        #expect(row.value("payment_intent_id", in: spec) == "pi_1PgafyB7WZ01zgkWSjxsAJo3")
        #expect(row.value("customer_id", in: spec) == nil)
        #expect(row.value("subscription_id", in: spec) == nil)
        #expect(row.value("setup_intent_id", in: spec) == nil)
        #expect(row.value("mode", in: spec) == "payment")
        #expect(row.value("status", in: spec) == "open")
        #expect(row.value("payment_status", in: spec) == "unpaid")
        #expect(row.value("customer_email", in: spec) == "example@example.com")  // customer_details.email
        #expect(row.value("expires_at", in: spec) == "2009-02-13 23:31:30+00")
        #expect(row.value("amount_total", in: spec) == nil)
        #expect(row.childRows.first?.isEmpty == true)
        #expect(spec.children.first?.isIncludableOnly == true)
    }

    @Test("expanded line items become child rows, and each embedded full price is harvested as a price")
    func lineItems() throws {
        let row = try Transformer.transform(SalesShapes.session(withItems: [SalesShapes.object("item")]), spec: spec)
        let items = try #require(row.childRows.first)
        #expect(items.count == 1)
        let columns = ["checkout_session_id", "id", "position"] + spec.children[0].columns.map(\.name)
        func cell(_ name: String) -> String? { items[0][columns.firstIndex(of: name)!] }
        #expect(cell("id") == "li_1Pgc73B7WZ01zgkWx8kcmZPK")
        #expect(cell("price_id") == "price_1PgafmB7WZ01zgkW02Hf9z6c")
        #expect(cell("quantity") == "1")
        #expect(cell("description") == "T-shirt")
        #expect(cell("amount_total") == "0")
        let price = try #require(row.embedded.first { $0.resource == .prices })
        #expect(price.object.id == "price_1PgafmB7WZ01zgkW02Hf9z6c")
        #expect(price.object.value("product_id", in: .of(.prices)) == "prod_QXg1hqf4jFNsqG")
    }

    @Test("older sessions: a top-level customer_email, an expanded customer, display_items left in raw")
    func olderShape() throws {
        let older = try StripeShapes.parse("""
            {"id":"cs_old","object":"checkout.session","customer":{"id":"cus_9","object":"customer","email":"x@example.com"},
             "customer_email":"buyer@example.com","mode":"payment","payment_intent":"pi_9","subscription":null,
             "display_items":[{"amount":1500,"currency":"usd","quantity":1,"type":"custom","custom":{"name":"Hat"}}],
             "livemode":false,"metadata":{}}
            """)
        let row = try Transformer.transform(older, spec: spec)
        #expect(row.value("customer_email", in: spec) == "buyer@example.com")
        #expect(row.value("customer_id", in: spec) == "cus_9")
        #expect(row.embedded.contains { $0.resource == .customers && $0.object.id == "cus_9" })
        #expect(row.value("created", in: spec) == nil)
        #expect(row.childRows.first?.isEmpty == true)
    }
}
