import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("Billing resources ingest with placeholders; discounts are harvested; keys are enforced", .needsDatabase)
struct BillingIngestTests {
    private static let coupon = #"{"id":"TENOFF","object":"coupon","percent_off":10,"duration":"forever","created":1700000000,"livemode":false,"metadata":{},"valid":true}"#

    /// A folder of today's and older shapes whose references reach objects no dump holds.
    private static func folder() throws -> String {
        let folder = try TestEnvironment.temporaryDirectory()
        let discountOfCustomer = #"{"id":"di_cus","object":"discount","customer":"cus_1","start":1700000100,"coupon":\#(coupon)}"#
        try IngestFixtures.ndjson("customers.json", [
            #"{"id":"cus_1","object":"customer","created":1690000000,"livemode":false,"metadata":{},"discount":\#(discountOfCustomer)}"#,
        ], in: folder)
        try IngestFixtures.ndjson("subscriptions.json", [
            #"{"id":"sub_1","object":"subscription","customer":"cus_1","status":"active","created":1700000000,"livemode":false,"metadata":{},"items":{"object":"list","data":[],"has_more":false},"discounts":[{"id":"di_sub","object":"discount","customer":"cus_1","subscription":"sub_1","start":1700000200,"source":{"type":"coupon","coupon":"GONE"},"promotion_code":"promo_1"}]}"#,
        ], in: folder)
        try IngestFixtures.ndjson("coupons.json", [
            coupon, #"{"id":"OLD","object":"coupon","percent_off":5,"duration":"once","created":1600000000,"livemode":false,"metadata":{}}"#,
            #"{"id":"OLD","object":"coupon","deleted":true}"#,
        ], in: folder)
        try IngestFixtures.ndjson("promotion_codes.json", [
            #"{"id":"promo_1","object":"promotion_code","code":"GONE5","active":true,"created":1700000000,"livemode":false,"metadata":{},"promotion":{"type":"coupon","coupon":"GONE"},"customer":"cus_1"}"#,
        ], in: folder)
        try IngestFixtures.ndjson("plans.json", [
            #"{"id":"plan_1","object":"plan","product":"prod_missing","amount":900,"currency":"usd","interval":"month","interval_count":1,"created":1700000000,"livemode":false,"metadata":{}}"#,
        ], in: folder)
        try IngestFixtures.ndjson("tax_rates.json", [
            #"{"id":"txr_1","object":"tax_rate","display_name":"VAT","percentage":19,"inclusive":false,"active":true,"created":1700000000,"livemode":false,"metadata":{}}"#,
        ], in: folder)
        try IngestFixtures.ndjson("invoice_items.json", [
            #"{"id":"ii_1","object":"invoiceitem","customer":"cus_1","invoice":"in_missing","date":1700000300,"amount":500,"currency":"usd","livemode":false,"metadata":{},"parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_1"}},"pricing":{"type":"price_details","price_details":{"price":"price_missing","product":"prod_missing"}},"discounts":[]}"#,
            #"{"id":"ii_old","object":"invoiceitem","customer":"cus_1","date":1500000000,"amount":300,"currency":"usd","livemode":false,"metadata":{},"subscription":"sub_1","price":"price_missing"}"#,
        ], in: folder)
        try IngestFixtures.ndjson("setup_intents.json", [
            #"{"id":"seti_1","object":"setup_intent","customer":"cus_1","payment_method":"pm_missing","status":"succeeded","usage":"off_session","created":1700000000,"livemode":false,"metadata":{}}"#,
        ], in: folder)
        try IngestFixtures.ndjson("discounts.json", [
            #"{"deleted":true,"id":"","object":"discount","start":1234567890,"customer":null,"source":{"coupon":null,"type":"coupon"}}"#,
        ], in: folder)
        for resource in [Resource.products, .prices, .paymentMethods, .invoices, .paymentIntents, .charges] {
            try "".write(to: folder.appendingPathComponent(resource.fileName), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    private static func ingest(_ folder: String, _ connection: PGConnection) throws -> IngestReport {
        try Ingester(connection: connection).run(Ingester.inputs(directory: try DumpDirectory(path: folder)), source: folder)
    }

    private static func flags(_ connection: PGConnection, _ table: String, _ id: String) throws -> String? {
        try connection.query("""
            SELECT concat_ws(',', CASE WHEN is_placeholder THEN 'placeholder' END, CASE WHEN is_embedded THEN 'embedded' END,
                             CASE WHEN deleted THEN 'deleted' END, 'row') FROM stripe.\(table) WHERE id = $1
            """, [id]).scalar(String.self)
    }

    @Test("every resource loads, missing parents get placeholders, discounts come from their hosts, check passes")
    func loadsWithPlaceholders() throws {
        let folder = try Self.folder()
        try TestDatabase.with { database in
            let connection = try database.connect()
            let report = try Self.ingest(folder, connection)
            #expect(report.succeeded, "\(report.resources.compactMap(\.error))")
            #expect(report.resources.reduce(0) { $0 + $1.rejected } == 0)
            #expect(try Self.flags(connection, "discounts", "di_cus") == "embedded,row")
            #expect(try Self.flags(connection, "discounts", "di_sub") == "embedded,row")
            #expect(try connection.query("SELECT count(*) FROM stripe.discounts").scalar(Int.self) == 2)
            #expect(try connection.query(
                "SELECT coupon_id || ' ' || customer_id FROM stripe.discounts WHERE id = 'di_cus'").scalar(String.self) == "TENOFF cus_1")
            #expect(try connection.query(
                "SELECT promotion_code_id || ' ' || subscription_id FROM stripe.discounts WHERE id = 'di_sub'").scalar(String.self)
                == "promo_1 sub_1")
            #expect(try Self.flags(connection, "coupons", "TENOFF") == "row")
            #expect(try Self.flags(connection, "coupons", "OLD") == "deleted,row")
            #expect(try Self.flags(connection, "coupons", "GONE") == "placeholder,row")
            #expect(try Self.flags(connection, "products", "prod_missing") == "placeholder,row")
            #expect(try Self.flags(connection, "invoices", "in_missing") == "placeholder,row")
            #expect(try Self.flags(connection, "prices", "price_missing") == "placeholder,row")
            #expect(try Self.flags(connection, "payment_methods", "pm_missing") == "placeholder,row")
            #expect(try connection.query(
                "SELECT string_agg(id || '=' || subscription_id || '/' || price_id || '/' || to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ' ' ORDER BY id) FROM stripe.invoice_items"
            ).scalar(String.self) == "ii_1=sub_1/price_missing/2023-11-14 ii_old=sub_1/price_missing/2017-07-14")
            let checked = try IntegrityChecker(connection: try database.connect()).check(directory: try DumpDirectory(path: folder))
            #expect(checked.passed, "\(checked.resources.filter { !$0.passed }) \(checked.rules.filter { !$0.passed })")
        }
    }

    @Test("the billing tables' foreign keys refuse a row whose parent is absent", arguments: [
        ("discounts", "coupon_id"), ("discounts", "promotion_code_id"), ("discounts", "invoice_item_id"),
        ("promotion_codes", "coupon_id"), ("plans", "product_id"), ("invoice_items", "invoice_id"),
        ("setup_intents", "payment_method_id"),
    ])
    func foreignKeysEnforced(table: String, column: String) throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            #expect(throws: (any Error).self) {
                try connection.query("INSERT INTO stripe.\(table) (id, \(column), raw) VALUES ('x_1', 'absent', '{}')")
            }
        }
    }
}
