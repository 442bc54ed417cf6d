import Foundation
import StripeJSON
import StripeSchema
import Testing

/// The billing resources read today's shapes (stripe/openapi's `fixtures3.json`, verbatim) and
/// the older ones their aliases name.
@Suite("Billing resources: coupons, promotion codes, plans, tax rates, invoice items, setup intents, discounts")
struct BillingTransformTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    static let coupon = """
        {"amount_off":null,"created":1234567890,"currency":"usd","duration":"forever","duration_in_months":3,"id":"Z4OV52SU",
         "livemode":false,"max_redemptions":null,"metadata":{},"name":"25.5% off","object":"coupon","percent_off":25.5,
         "redeem_by":1234567890,"times_redeemed":0,"valid":true}
        """
    static let promotionCode = """
        {"active":false,"code":"FALL20","created":1234567890,"customer":null,"expires_at":1234567890,
         "id":"promo_1Pgc79B7WZ01zgkWNy4mn5NX","livemode":false,"max_redemptions":null,"metadata":{},"object":"promotion_code",
         "restrictions":{"first_time_transaction":false,"minimum_amount":null,"minimum_amount_currency":null},
         "times_redeemed":0,"promotion":{"coupon":null,"type":"coupon"},"customer_account":null}
        """
    static let plan = """
        {"active":true,"amount":2000,"amount_decimal":"2000","billing_scheme":"per_unit","created":1234567890,"currency":"usd",
         "id":"price_1PgafmB7WZ01zgkW6dKueIc5","interval":"month","interval_count":1,"livemode":false,"metadata":{},"meter":null,
         "nickname":null,"object":"plan","product":"prod_QXg1hqf4jFNsqG","tiers_mode":null,
         "transform_usage":{"divide_by":1592560163,"round":"down"},"trial_period_days":null,"usage_type":"licensed"}
        """
    static let taxRate = """
        {"active":true,"country":"DE","created":1234567890,"description":"VAT Germany","display_name":"VAT",
         "effective_percentage":null,"id":"txr_1Pgc7BB7WZ01zgkW4Iwwvf6z","inclusive":false,"jurisdiction":"DE",
         "jurisdiction_level":null,"livemode":false,"metadata":{},"object":"tax_rate","percentage":19,"state":null,
         "tax_type":"vat","flat_amount":{"amount":1413853096,"currency":"currency"},"rate_type":null}
        """
    static let invoiceItem = """
        {"amount":1000,"currency":"usd","customer":"cus_QXg1o8vcGmoR32","date":1234567890,
         "description":"My First Invoice Item (created for API docs)","discountable":true,"discounts":[],
         "id":"ii_1Pgc6sB7WZ01zgkWrG16hkdl","invoice":null,"livemode":false,"metadata":{},"object":"invoiceitem",
         "period":{"end":1721954054,"start":1721954054},"proration":false,"quantity":1,"tax_rates":[],"test_clock":null,
         "parent":{"subscription_details":{"subscription":"subscription"},"type":"subscription_details"},
         "pricing":{"type":"price_details","unit_amount_decimal":null},"net_amount":708769478,"customer_account":null,
         "quantity_decimal":"174352450"}
        """
    static let setupIntent = """
        {"application":null,"automatic_payment_methods":{"enabled":null},"cancellation_reason":null,
         "client_secret":"seti_1Pgag7B7WZ01zgkWSgwGdb8Z_secret_QXg2AQLdBxJwtY51IkwvUaBVsnCqPSp","created":1234567890,
         "customer":null,"description":null,"flow_directions":null,"id":"seti_1Pgag7B7WZ01zgkWSgwGdb8Z",
         "last_setup_error":{"type":"idempotency_error"},"latest_attempt":null,"livemode":false,"mandate":null,"metadata":{},
         "next_action":{"type":"type"},"object":"setup_intent","on_behalf_of":null,"payment_method":null,
         "payment_method_configuration_details":{"id":"obj_123","parent":null},"payment_method_options":{},
         "payment_method_types":["card"],"single_use_mandate":null,"status":"requires_payment_method","usage":"off_session",
         "excluded_payment_method_types":null}
        """
    static let discount = """
        {"checkout_session":null,"customer":"cus_QXg1o8vcGmoR32","end":1234567890,"id":"di_1Pgc6rB7WZ01zgkW7Al8Fal9",
         "invoice":null,"invoice_item":null,"object":"discount","promotion_code":null,"start":1234567890,"subscription":null,
         "subscription_item":null,"source":{"coupon":null,"type":"coupon"},"customer_account":null}
        """
    static let deletedDiscount = """
        {"deleted":true,"id":"","object":"discount","start":1234567890,"checkout_session":null,"customer":null,"invoice":null,
         "invoice_item":null,"promotion_code":null,"subscription":null,"subscription_item":null,
         "source":{"coupon":null,"type":"coupon"},"customer_account":null}
        """

    @Test("fixtures3's coupon: merchant-chosen id, percent off, duration; its deletion marker marks it deleted")
    func coupons() throws {
        let spec = ResourceSpec.of(.coupons)
        let row = try Transformer.transform(try Self.parse(Self.coupon), spec: spec)
        #expect(row.id == "Z4OV52SU")
        #expect(row.value("percent_off", in: spec) == "25.5")
        #expect(row.value("amount_off", in: spec) == nil)
        #expect(row.value("duration", in: spec) == "forever")
        #expect(row.value("duration_in_months", in: spec) == "3")
        #expect(row.value("valid", in: spec) == "t")
        #expect(row.value("redeem_by", in: spec) == "2009-02-13 23:31:30+00")
        #expect(row.value("applies_to_products", in: spec) == nil)
        let limited = try Self.parse(#"{"id":"SPRING","object":"coupon","applies_to":{"products":["prod_a","prod_b"]}}"#)
        #expect(try Transformer.transform(limited, spec: spec).value("applies_to_products", in: spec) == #"["prod_a","prod_b"]"#)
        let deleted = try Transformer.transform(try Self.parse(#"{"deleted":true,"id":"Z4OV52SU","object":"coupon"}"#), spec: spec)
        #expect(deleted.isDeletion && deleted.id == "Z4OV52SU")
    }

    @Test("a promotion code's coupon: promotion.coupon from clover, the embedded coupon before (harvested)")
    func promotionCodeCouponAlias() throws {
        let spec = ResourceSpec.of(.promotionCodes)
        let today = try Transformer.transform(try Self.parse(Self.promotionCode), spec: spec)
        #expect(today.value("code", in: spec) == "FALL20")
        #expect(today.value("active", in: spec) == "f")
        #expect(today.value("coupon_id", in: spec) == nil)
        #expect(today.value("first_time_transaction", in: spec) == "f")
        let clover = try Self.parse(#"{"id":"promo_2","object":"promotion_code","promotion":{"type":"coupon","coupon":"SUMMER"}}"#)
        #expect(try Transformer.transform(clover, spec: spec).value("coupon_id", in: spec) == "SUMMER")
        let older = try Self.parse("""
            {"id":"promo_1","object":"promotion_code","code":"OLD10","customer":"cus_1","coupon":\(Self.coupon)}
            """)
        let row = try Transformer.transform(older, spec: spec)
        #expect(row.value("coupon_id", in: spec) == "Z4OV52SU")
        #expect(row.value("customer_id", in: spec) == "cus_1")
        #expect(row.embedded.map(\.resource) == [.coupons])
        #expect(row.embedded.first?.object.id == "Z4OV52SU")
    }

    @Test("fixtures3's plan loads into plans; an item's embedded plan still fills prices")
    func plans() throws {
        let spec = ResourceSpec.of(.plans)
        let row = try Transformer.transform(try Self.parse(Self.plan), spec: spec)
        #expect(row.id == "price_1PgafmB7WZ01zgkW6dKueIc5")
        #expect(row.value("product_id", in: spec) == "prod_QXg1hqf4jFNsqG")
        #expect(row.value("amount", in: spec) == "2000")
        #expect(row.value("recurring_interval", in: spec) == "month")
        #expect(row.value("usage_type", in: spec) == "licensed")
        #expect(Resource(objectName: "plan") == .plans)
        #expect(ResourceSpec.of(.prices).accepts(objectName: "plan"))
        let item = try Self.parse("""
            {"id":"sub_1","object":"subscription","items":{"object":"list","data":[{"id":"si_1","object":"subscription_item","plan":\(Self.plan)}]}}
            """)
        let subscription = try Transformer.transform(item, spec: .of(.subscriptions))
        #expect(subscription.childRows[0][0][3] == "price_1PgafmB7WZ01zgkW6dKueIc5")
        #expect(subscription.embedded.map(\.resource) == [.prices])
    }

    @Test("fixtures3's tax rate")
    func taxRates() throws {
        let spec = ResourceSpec.of(.taxRates)
        let row = try Transformer.transform(try Self.parse(Self.taxRate), spec: spec)
        #expect(row.value("percentage", in: spec) == "19")
        #expect(row.value("display_name", in: spec) == "VAT")
        #expect(row.value("inclusive", in: spec) == "f")
        #expect(row.value("country", in: spec) == "DE")
        #expect(ResourceSpec.of(.taxRates).columns.allSatisfy { $0.referencedResource == nil })
    }

    @Test("an invoice item: basil's parent and pricing, the top-level price and subscription before; date is created")
    func invoiceItems() throws {
        let spec = ResourceSpec.of(.invoiceItems)
        #expect(spec.objectName == "invoiceitem" && spec.listPath == "/v1/invoiceitems")
        let today = try Transformer.transform(try Self.parse(Self.invoiceItem), spec: spec)
        #expect(today.value("customer_id", in: spec) == "cus_QXg1o8vcGmoR32")
        #expect(today.value("subscription_id", in: spec) == "subscription")
        #expect(today.value("price_id", in: spec) == nil)
        #expect(today.value("invoice_id", in: spec) == nil)
        #expect(today.value("created", in: spec) == "2009-02-13 23:31:30+00")
        #expect(today.value("period_end", in: spec) == "2024-07-26 00:34:14+00")
        let basil = try Self.parse("""
            {"id":"ii_2","object":"invoiceitem","date":1,"pricing":{"type":"price_details","price_details":{"price":"price_new","product":"prod_1"}}}
            """)
        #expect(try Transformer.transform(basil, spec: spec).value("price_id", in: spec) == "price_new")
        let older = try Self.parse("""
            {"id":"ii_1","object":"invoiceitem","date":1500000000,"customer":"cus_1","invoice":"in_1","subscription":"sub_old",
             "price":{"id":"price_old","object":"price","product":"prod_1","currency":"usd","unit_amount":500}}
            """)
        let row = try Transformer.transform(older, spec: spec)
        #expect(row.value("subscription_id", in: spec) == "sub_old")
        #expect(row.value("price_id", in: spec) == "price_old")
        #expect(row.value("invoice_id", in: spec) == "in_1")
        #expect(row.embedded.map(\.resource) == [.prices])
    }

    @Test("fixtures3's setup intent: status and usage; customer and payment method references")
    func setupIntents() throws {
        let spec = ResourceSpec.of(.setupIntents)
        let row = try Transformer.transform(try Self.parse(Self.setupIntent), spec: spec)
        #expect(row.value("status", in: spec) == "requires_payment_method")
        #expect(row.value("usage", in: spec) == "off_session")
        #expect(row.value("customer_id", in: spec) == nil)
        let saved = try Self.parse(#"{"id":"seti_1","object":"setup_intent","customer":"cus_1","payment_method":"pm_1","status":"succeeded"}"#)
        let savedRow = try Transformer.transform(saved, spec: spec)
        #expect(savedRow.value("customer_id", in: spec) == "cus_1" && savedRow.value("payment_method_id", in: spec) == "pm_1")
    }

    @Test("a discount's coupon: source.coupon from clover, the embedded coupon before (harvested)")
    func discounts() throws {
        let spec = ResourceSpec.of(.discounts)
        #expect(!spec.hasListEndpoint)
        let today = try Transformer.transform(try Self.parse(Self.discount), spec: spec)
        #expect(today.value("customer_id", in: spec) == "cus_QXg1o8vcGmoR32")
        #expect(today.value("started_at", in: spec) == "2009-02-13 23:31:30+00")
        #expect(today.value("coupon_id", in: spec) == nil)
        let clover = try Self.parse(#"{"id":"di_2","object":"discount","source":{"type":"coupon","coupon":"SUMMER"},"promotion_code":"promo_1"}"#)
        let cloverRow = try Transformer.transform(clover, spec: spec)
        #expect(cloverRow.value("coupon_id", in: spec) == "SUMMER" && cloverRow.value("promotion_code_id", in: spec) == "promo_1")
        let older = try Self.parse(#"{"id":"di_1","object":"discount","subscription":"sub_1","coupon":\#(Self.coupon)}"#)
        let row = try Transformer.transform(older, spec: spec)
        #expect(row.value("coupon_id", in: spec) == "Z4OV52SU" && row.value("subscription_id", in: spec) == "sub_1")
        #expect(row.embedded.map(\.resource) == [.coupons])
    }

    @Test("discounts are harvested from customers, subscriptions, invoices and invoice items; ids and deleted ones are not")
    func discountsHarvested() throws {
        let customer = try Self.parse(#"{"id":"cus_1","object":"customer","discount":\#(Self.discount)}"#)
        let fromCustomer = try Transformer.transform(customer, spec: .of(.customers))
        #expect(fromCustomer.embedded.map(\.resource) == [.discounts])
        #expect(fromCustomer.embedded.first?.object.id == "di_1Pgc6rB7WZ01zgkW7Al8Fal9")
        let subscription = try Self.parse("""
            {"id":"sub_1","object":"subscription","discount":null,
             "discounts":["di_id_only",{"id":"di_a","object":"discount","subscription":"sub_1","coupon":\(Self.coupon)}]}
            """)
        let fromSubscription = try Transformer.transform(subscription, spec: .of(.subscriptions))
        #expect(fromSubscription.embedded.map(\.object.id) == ["Z4OV52SU", "di_a"])
        let invoice = try Self.parse("""
            {"id":"in_1","object":"invoice","discounts":[],
             "total_discount_amounts":[{"amount":100,"discount":{"id":"di_b","object":"discount","invoice":"in_1"}}]}
            """)
        #expect(try Transformer.transform(invoice, spec: .of(.invoices)).embedded.map(\.object.id) == ["di_b"])
        let item = try Self.parse(#"{"id":"ii_1","object":"invoiceitem","discounts":[{"id":"di_c","object":"discount","invoice_item":"ii_1"}]}"#)
        #expect(try Transformer.transform(item, spec: .of(.invoiceItems)).embedded.map(\.object.id) == ["di_c"])
        let withDeleted = try Self.parse(#"{"id":"cus_2","object":"customer","discount":\#(Self.deletedDiscount)}"#)
        #expect(try Transformer.transform(withDeleted, spec: .of(.customers)).embedded.isEmpty)
        #expect(ResourceSpec.listExpansions(of: .subscriptions) == ["data.discounts"])
        #expect(ResourceSpec.listExpansions(of: .invoices) == ["data.discounts"])
    }

    @Test("a deleted_discount (id \"\") is an anonymous deletion, passed over instead of rejected")
    func anonymousDeletion() throws {
        #expect(Transformer.isAnonymousDeletion(try Self.parse(Self.deletedDiscount)))
        #expect(!Transformer.isAnonymousDeletion(try Self.parse(#"{"deleted":true,"id":"Z4OV52SU","object":"coupon"}"#)))
        #expect(!Transformer.isAnonymousDeletion(try Self.parse(#"{"id":"","object":"discount"}"#)))
    }
}
