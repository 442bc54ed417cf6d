import Foundation
import PureTestSupport
import StripeJSON
import StripeSchema
import Testing

/// Older API shapes: each renamed or moved field fills the column its current name fills.
@Suite("Transformers on older API shapes")
struct TransformerAliasTests {
    private func row(_ resource: Resource, _ json: String) throws -> (TransformedObject, ResourceSpec) {
        let spec = ResourceSpec.of(resource)
        return (try Transformer.transform(try StripeShapes.parse(json), spec: spec), spec)
    }

    @Test("customer before 2019-10-17: account_balance fills balance")
    func accountBalance() throws {
        let (row, spec) = try row(.customers, #"{"id":"cus_1","object":"customer","account_balance":-500,"created":1500000000}"#)
        #expect(row.value("balance", in: spec) == "-500")
    }

    @Test("invoice before 2019-03-14: date fills created, billing fills collection_method")
    func invoiceDateAndBilling() throws {
        let (row, spec) = try row(.invoices, #"""
            {"id":"in_1","object":"invoice","date":1500000000,"billing":"send_invoice","closed":true,"paid":true,
             "customer":"cus_1","subscription":"sub_1","charge":"ch_1",
             "lines":{"object":"list","data":[{"id":"sub_1","object":"line_item","type":"subscription","amount":900,
               "plan":{"id":"gold","object":"plan","amount":900,"interval":"month"},"proration":false,
               "period":{"start":1500000000,"end":1502678400}}],"has_more":false}}
            """#)
        #expect(row.value("created", in: spec) == "2017-07-14 02:40:00+00")
        #expect(row.value("collection_method", in: spec) == "send_invoice")
        #expect(row.value("subscription_id", in: spec) == "sub_1")
        let line = row.childRows[0][0]
        let columns = spec.children[0].copyColumns
        #expect(line[columns.firstIndex(of: "price_id")!] == "gold", "a line's plan is its price")
        #expect(line[columns.firstIndex(of: "type")!] == "subscription")
    }

    @Test("invoice line type: basil's parent.type speaks the one vocabulary (subscription, invoiceitem)")
    func lineTypeVocabulary() throws {
        let (row, spec) = try row(.invoices, #"""
            {"id":"in_2","object":"invoice","created":1750000000,"lines":{"object":"list","has_more":false,"data":[
              {"id":"il_1","object":"line_item","amount":100,"parent":{"type":"subscription_item_details",
                "subscription_item_details":{"subscription":"sub_9","subscription_item":"si_9","proration":true}},
                "pricing":{"type":"price_details","price_details":{"price":"price_9","product":"prod_9"}}},
              {"id":"il_2","object":"line_item","amount":50,"parent":{"type":"invoice_item_details",
                "invoice_item_details":{"invoice_item":"ii_1","subscription":null,"proration":false}}}]}}
            """#)
        let columns = spec.children[0].copyColumns
        let types = row.childRows[0].map { $0[columns.firstIndex(of: "type")!] }
        #expect(types == ["subscription", "invoiceitem"])
        #expect(row.childRows[0][0][columns.firstIndex(of: "price_id")!] == "price_9")
        #expect(row.childRows[0][0][columns.firstIndex(of: "subscription_item_id")!] == "si_9")
        #expect(row.childRows[0][0][columns.firstIndex(of: "proration")!] == "t")
    }

    @Test("subscription before 2019-10-17: start fills start_date, billing fills collection_method")
    func subscriptionStartAndBilling() throws {
        let (row, spec) = try row(.subscriptions, #"""
            {"id":"sub_1","object":"subscription","start":1500000000,"billing":"charge_automatically","status":"active",
             "customer":"cus_1","current_period_start":1500000000,"current_period_end":1502678400,
             "items":{"object":"list","data":[{"id":"si_1","object":"subscription_item","plan":{"id":"gold","object":"plan"},"quantity":1}]}}
            """#)
        #expect(row.value("start_date", in: spec) == "2017-07-14 02:40:00+00")
        #expect(row.value("collection_method", in: spec) == "charge_automatically")
        #expect(row.value("current_period_start", in: spec) == "2017-07-14 02:40:00+00", "the subscription's own period when items have none")
    }

    @Test("payment intent before 2022-11-15: charges.data[0] fills latest_charge_id; requires_source is kept")
    func paymentIntentCharges() throws {
        let (row, spec) = try row(.paymentIntents, #"""
            {"id":"pi_1","object":"payment_intent","status":"requires_source","amount":1000,"source":"card_1",
             "charges":{"object":"list","data":[{"id":"ch_2","object":"charge"},{"id":"ch_1","object":"charge"}]}}
            """#)
        #expect(row.value("latest_charge_id", in: spec) == "ch_2")
        #expect(row.value("status", in: spec) == "requires_source")
        #expect(row.value("payment_method_id", in: spec) == "card_1")
    }

    @Test("charge with a source card object: the card fills payment_method_id")
    func chargeSource() throws {
        let (row, spec) = try row(.charges, #"""
            {"id":"ch_1","object":"charge","amount":500,"source":{"id":"card_1","object":"card","brand":"Visa","last4":"4242"}}
            """#)
        #expect(row.value("payment_method_id", in: spec) == "card_1")
    }

    @Test("an empty-string reference is no reference")
    func emptyReference() throws {
        let (row, spec) = try row(.charges, #"{"id":"ch_3","object":"charge","customer":"","invoice":"","amount":1}"#)
        #expect(row.value("customer_id", in: spec) == nil)
        #expect(row.value("invoice_id", in: spec) == nil)
    }

    @Test("a value Stripe may add is stored, not rejected")
    func undocumentedValues() throws {
        let (row, spec) = try row(.subscriptions, #"{"id":"sub_2","object":"subscription","status":"some_new_state"}"#)
        #expect(row.value("status", in: spec) == "some_new_state")
    }

    @Test("an invoice with status deleted is a deleted full object")
    func deletedInvoice() throws {
        let (row, _) = try row(.invoices, #"{"id":"in_3","object":"invoice","status":"deleted","created":1500000000}"#)
        #expect(!row.isDeletion)
        #expect(row.isDeleted)
    }

    @Test("a plan object loads as a price; a card object as a payment method")
    func olderObjects() throws {
        let (plan, prices) = try row(.prices, #"""
            {"id":"gold","object":"plan","amount":2000,"interval":"month","interval_count":1,"product":"prod_1","usage_type":"licensed"}
            """#)
        #expect(plan.value("unit_amount", in: prices) == "2000")
        #expect(plan.value("recurring_interval", in: prices) == "month")
        #expect(plan.value("product_id", in: prices) == "prod_1")
        let (card, methods) = try row(.paymentMethods, #"""
            {"id":"card_1","object":"card","brand":"Visa","last4":"4242","exp_month":8,"exp_year":2030,"customer":"cus_1"}
            """#)
        #expect(card.value("type", in: methods) == "card")
        #expect(card.value("card_last4", in: methods) == "4242")
        #expect(card.value("customer_id", in: methods) == "cus_1")
    }

    @Test("values beyond a column's range reject the object, naming the field")
    func ranges() throws {
        #expect(throws: LoaderError.self) {
            _ = try row(.paymentMethods, #"{"id":"pm_1","object":"payment_method","card":{"exp_month":99999999999}}"#)
        }
        do {
            _ = try row(.paymentMethods, #"{"id":"pm_1","object":"payment_method","card":{"exp_month":99999999999}}"#)
        } catch {
            #expect("\(error)".contains("card.exp_month"))
        }
        for created in ["100000000000000000", "-9223372036854775808"] {
            do {
                _ = try row(.customers, #"{"id":"cus_9","object":"customer","created":\#(created)}"#)
                Issue.record("created \(created) was accepted")
            } catch {
                #expect("\(error)".contains("created"))
            }
        }
    }
}
