import Foundation
import PureTestSupport
import StripeJSON
import StripeSchema
import Testing

@Suite("Transformers on Stripe's own example objects")
struct TransformerShapeTests {
    @Test("product: typed columns, default price reference, metadata as JSON")
    func product() throws {
        let spec = ResourceSpec.of(.products)
        let row = try Transformer.transform(StripeShapes.object("product"), spec: spec)
        #expect(row.id == "prod_QXg1hqf4jFNsqG")
        #expect(row.value("name", in: spec) == "T-shirt")
        #expect(row.value("active", in: spec) == "t")
        #expect(row.value("default_price_id", in: spec) == "price_1PgafmB7WZ01zgkW02Hf9z6c")
        #expect(row.value("created", in: spec) == "2009-02-13 23:31:30+00")
        #expect(row.value("metadata", in: spec) == "{}")
        #expect(row.value("url", in: spec) == nil)
    }

    @Test("price: amounts, recurring fields, product reference")
    func price() throws {
        let spec = ResourceSpec.of(.prices)
        let row = try Transformer.transform(StripeShapes.object("price"), spec: spec)
        #expect(row.value("product_id", in: spec) == "prod_QXg1hqf4jFNsqG")
        #expect(row.value("unit_amount", in: spec) == "2000")
        #expect(row.value("unit_amount_decimal", in: spec) == "2000")
        #expect(row.value("recurring_interval", in: spec) == "month")
        #expect(row.value("recurring_interval_count", in: spec) == "1")
        #expect(row.value("type", in: spec) == "recurring")
    }

    @Test("customer: nested default payment method and address")
    func customer() throws {
        let spec = ResourceSpec.of(.customers)
        let row = try Transformer.transform(StripeShapes.object("customer"), spec: spec)
        #expect(row.id == "cus_QXg1o8vcGmoR32")
        #expect(row.value("balance", in: spec) == "0")
        #expect(row.value("delinquent", in: spec) == "f")
        #expect(row.value("default_payment_method_id", in: spec) == nil)
        let address = try #require(row.value("address", in: spec))
        #expect(address.contains("\"city\":null"))
    }

    @Test("payment method: card details and billing email")
    func paymentMethod() throws {
        let spec = ResourceSpec.of(.paymentMethods)
        let row = try Transformer.transform(StripeShapes.object("payment_method"), spec: spec)
        #expect(row.value("card_brand", in: spec) == "visa")
        #expect(row.value("card_last4", in: spec) == "4242")
        #expect(row.value("card_exp_year", in: spec) == "2030")
        #expect(row.value("billing_email", in: spec) == "jenny@example.com")
        #expect(row.value("metadata", in: spec) == "{\"order_id\":\"123456789\"}")
        #expect(row.value("customer_id", in: spec) == nil)
    }

    @Test("subscription: items become child rows; the period comes from the items in the current shape")
    func subscription() throws {
        let spec = ResourceSpec.of(.subscriptions)
        let object = StripeShapes.object("subscription")
        let row = try Transformer.transform(object, spec: spec)
        #expect(row.value("customer_id", in: spec) == "cus_QXg1o8vcGmoR32")
        let items = try #require(row.childRows.first)
        let itemCount = object["items"]?["data"].flatMap { value -> Int? in
            if case .array(let elements) = value { return elements.count }
            return nil
        }
        #expect(items.count == itemCount)
        let first = try #require(items.first)
        let columns = spec.children[0].copyColumns
        #expect(first[columns.firstIndex(of: "subscription_id")!] == row.id)
        #expect(first[columns.firstIndex(of: "id")!] == "si_QXhVnC2h0Jczwc")
        #expect(first[columns.firstIndex(of: "price_id")!] == "price_1PgafmB7WZ01zgkW6dKueIc5")
        #expect(first[columns.firstIndex(of: "position")!] == "0")
        let itemStart = object["items"]?["data"]?[0]?["current_period_start"]
        if case .number(let n)? = itemStart, object["current_period_start"] == nil {
            #expect(row.value("current_period_start", in: spec) == TimestampText.format(unixSeconds: n.int64!))
        }
    }

    @Test("invoice: current shape gives the subscription from parent details; lines become child rows")
    func invoice() throws {
        let spec = ResourceSpec.of(.invoices)
        let row = try Transformer.transform(StripeShapes.object("invoice"), spec: spec)
        #expect(row.value("customer_id", in: spec) == "cus_QXg1o8vcGmoR32")
        #expect(row.value("subscription_id", in: spec) == "subscription")
        #expect(row.value("amount_due", in: spec) == "1000")
        #expect(row.value("status", in: spec) == "draft")
        #expect(row.value("payment_intent_id", in: spec) == nil)
        let lines = try #require(row.childRows.first)
        #expect(lines.count == 1)
        let columns = spec.children[0].copyColumns
        #expect(lines[0][columns.firstIndex(of: "id")!] == "il_1Pgc6sB7WZ01zgkWFnxLrLCq")
        #expect(lines[0][columns.firstIndex(of: "amount")!] == "1000")
        #expect(lines[0][columns.firstIndex(of: "invoice_id")!] == row.id)
    }

    @Test("payment intent and charge: amounts, status and references")
    func paymentIntentAndCharge() throws {
        let piSpec = ResourceSpec.of(.paymentIntents)
        let pi = try Transformer.transform(StripeShapes.object("payment_intent"), spec: piSpec)
        #expect(pi.value("amount", in: piSpec) == "1099")
        #expect(pi.value("status", in: piSpec) == "requires_payment_method")
        #expect(pi.value("customer_id", in: piSpec) == nil)
        let chSpec = ResourceSpec.of(.charges)
        let charge = try Transformer.transform(StripeShapes.object("charge"), spec: chSpec)
        #expect(charge.value("amount", in: chSpec) == "100")
        #expect(charge.value("payment_method_id", in: chSpec) == "card_1PgaftB7WZ01zgkWm3waTcFp")
        #expect(charge.value("balance_transaction", in: chSpec) == "txn_1PgaxNB7WZ01zgkWEV3TLf40")
        #expect(charge.value("paid", in: chSpec) == "t")
    }
}

@Suite("Transformers on edge cases")
struct TransformerEdgeTests {
    @Test("a reference may be a string id or an expanded object")
    func expandedReference() throws {
        let spec = ResourceSpec.of(.charges)
        let plain = try Transformer.transform(
            try StripeShapes.parse(#"{"id":"ch_1","object":"charge","customer":"cus_A"}"#), spec: spec)
        let expanded = try Transformer.transform(
            try StripeShapes.parse(#"{"id":"ch_1","object":"charge","customer":{"id":"cus_A","object":"customer","email":"a@b"}}"#),
            spec: spec)
        #expect(plain.value("customer_id", in: spec) == "cus_A")
        #expect(expanded.value("customer_id", in: spec) == "cus_A")
        let deletedExpanded = try Transformer.transform(
            try StripeShapes.parse(#"{"id":"ch_2","customer":{"id":"cus_B","object":"customer","deleted":true}}"#), spec: spec)
        #expect(deletedExpanded.value("customer_id", in: spec) == "cus_B")
    }

    @Test("old invoice shape: top-level subscription and payment_intent, line price as an object")
    func oldInvoiceShape() throws {
        let spec = ResourceSpec.of(.invoices)
        let row = try Transformer.transform(try StripeShapes.parse("""
            {"id":"in_old","object":"invoice","customer":"cus_A","subscription":"sub_A","payment_intent":"pi_A",
             "status":"paid","total":500,
             "lines":{"object":"list","data":[
               {"id":"sli_1","object":"line_item","type":"subscription","amount":500,"price":{"id":"price_A","object":"price"},
                "subscription":"sub_A","subscription_item":"si_A","proration":false,"period":{"start":1700000000,"end":1702592000}}],
              "has_more":false}}
            """), spec: spec)
        #expect(row.value("subscription_id", in: spec) == "sub_A")
        #expect(row.value("payment_intent_id", in: spec) == "pi_A")
        let columns = spec.children[0].copyColumns
        let line = try #require(row.childRows.first?.first)
        #expect(line[columns.firstIndex(of: "price_id")!] == "price_A")
        #expect(line[columns.firstIndex(of: "subscription_id")!] == "sub_A")
        #expect(line[columns.firstIndex(of: "subscription_item_id")!] == "si_A")
        #expect(line[columns.firstIndex(of: "type")!] == "subscription")
        #expect(line[columns.firstIndex(of: "period_start")!] == "2023-11-14 22:13:20+00")
    }

    @Test("current invoice shape: line price from pricing details, subscription from parent")
    func currentLineShape() throws {
        let spec = ResourceSpec.of(.invoices)
        let row = try Transformer.transform(try StripeShapes.parse("""
            {"id":"in_new","object":"invoice","parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_N"}},
             "lines":{"data":[{"id":"il_1","amount":700,"pricing":{"type":"price_details","price_details":{"price":"price_N","product":"prod_N"}},
               "parent":{"type":"subscription_item_details","subscription_item_details":{"subscription":"sub_N","subscription_item":"si_N","proration":true}}}]}}
            """), spec: spec)
        #expect(row.value("subscription_id", in: spec) == "sub_N")
        let columns = spec.children[0].copyColumns
        let line = try #require(row.childRows.first?.first)
        #expect(line[columns.firstIndex(of: "price_id")!] == "price_N")
        #expect(line[columns.firstIndex(of: "subscription_item_id")!] == "si_N")
        #expect(line[columns.firstIndex(of: "proration")!] == "t")
        #expect(line[columns.firstIndex(of: "type")!] == "subscription", "one vocabulary for every era")
    }

    @Test("old subscription shape: the period on the subscription wins")
    func oldSubscriptionShape() throws {
        let spec = ResourceSpec.of(.subscriptions)
        let row = try Transformer.transform(try StripeShapes.parse("""
            {"id":"sub_old","object":"subscription","current_period_start":1600000000,
             "items":{"data":[{"id":"si_1","current_period_start":1700000000,"plan":{"id":"plan_X"}}]}}
            """), spec: spec)
        #expect(row.value("current_period_start", in: spec) == "2020-09-13 12:26:40+00")
        let columns = spec.children[0].copyColumns
        #expect(row.childRows[0][0][columns.firstIndex(of: "price_id")!] == "plan_X")
    }

    @Test("absent and null fields become NULL")
    func absentFields() throws {
        let spec = ResourceSpec.of(.customers)
        let row = try Transformer.transform(try StripeShapes.parse(#"{"id":"cus_min","email":null}"#), spec: spec)
        #expect(row.values.allSatisfy { $0 == nil })
    }

    @Test("a deletion marker is recognized")
    func deletionMarker() throws {
        let row = try Transformer.transform(
            try StripeShapes.parse(#"{"id":"cus_gone","object":"customer","deleted":true}"#), spec: .of(.customers))
        #expect(row.isDeletion)
        #expect(row.id == "cus_gone")
    }

    @Test("errors name the object id and the field")
    func errorsNameIdAndField() throws {
        let cases: [(String, Resource, LoaderError)] = [
            (#"{"object":"customer"}"#, .customers, .transform(objectID: nil, field: "id", reason: "is missing")),
            (#"{"id":42}"#, .customers, .transform(objectID: nil, field: "id", reason: "must be a non-empty string")),
            (#"{"id":"cus_1","balance":"lots"}"#, .customers,
             .transform(objectID: "cus_1", field: "balance", reason: "expected an integer, got a string \"lots\"")),
            (#"{"id":"cus_1","created":1.5}"#, .customers,
             .transform(objectID: "cus_1", field: "created", reason: "expected Unix seconds, got a number 1.5")),
            (#"{"id":"ch_1","customer":{"email":"x"}}"#, .charges,
             .transform(objectID: "ch_1", field: "customer", reason: "expanded object has no string id")),
            (#"{"id":"sub_1","status":7}"#, .subscriptions,
             .transform(objectID: "sub_1", field: "status", reason: "expected a string, got a number")),
            (#"{"id":"in_1","lines":{"data":[{"id":"il_1"},{"id":"il_1"}]}}"#, .invoices,
             .transform(objectID: "in_1", field: "lines.data.1.id", reason: "repeats id il_1 in the same list")),
            (#"{"id":"in_1","lines":{"data":[{"amount":1}]}}"#, .invoices,
             .transform(objectID: "in_1", field: "lines.data.0.id", reason: "is missing or not a string")),
            (#"{"id":"cus_1","object":"invoice"}"#, .customers,
             .transform(objectID: "cus_1", field: "object", reason: "is \"invoice\", expected \"customer\" for customers")),
        ]
        for (json, resource, expected) in cases {
            let error = try #require(throws: LoaderError.self) {
                try Transformer.transform(try StripeShapes.parse(json), spec: .of(resource))
            }
            #expect(error == expected, "for \(json)")
        }
    }

    @Test("timestamps format in UTC across eras")
    func timestamps() {
        #expect(TimestampText.format(unixSeconds: 0) == "1970-01-01 00:00:00+00")
        #expect(TimestampText.format(unixSeconds: 951_782_400) == "2000-02-29 00:00:00+00")
        #expect(TimestampText.format(unixSeconds: 4_102_444_799) == "2099-12-31 23:59:59+00")
        #expect(TimestampText.format(unixSeconds: -1) == "1969-12-31 23:59:59+00")
    }
}
