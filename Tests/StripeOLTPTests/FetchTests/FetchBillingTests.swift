import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeJSON
import StripeOLTP
import TestSupport
import Testing

@Suite("fetch → ingest → check of the billing resources against the emulator", .needsDatabase)
struct FetchBillingTests {
    /// The ids of the billing objects one account holds.
    private struct Account {
        var coupon = "", deletedCoupon = "", promotion = "", plan = "", deletedPlan = "", taxRate = ""
        var invoiceItem = "", setupIntent = "", subscription = "", subscriptionDiscount = "", customerDiscount = ""
    }

    private static func id(_ object: StripeJSON.JSONValue) -> String { object["id"]?.stringValue ?? "" }

    /// A customer with a card and a coupon of their own, a subscription with another coupon, and
    /// one of each billing resource; a coupon and a plan deleted.
    private static func populate(_ running: RunningEmulator) throws -> Account {
        var account = Account()
        let product = try stripe(running, .post, "/v1/products", [("name", "Billing")])
        let price = try stripe(running, .post, "/v1/prices", [
            ("product", .string(id(product))), ("currency", "usd"), ("unit_amount", "2000"),
            ("recurring", .object([("interval", "month")])),
        ])
        account.coupon = id(try stripe(running, .post, "/v1/coupons", [("id", "LAUNCH20"), ("percent_off", "20"), ("duration", "forever")]))
        let loyal = try stripe(running, .post, "/v1/coupons", [("amount_off", "500"), ("currency", "usd"), ("duration", "once")])
        account.deletedCoupon = id(try stripe(running, .post, "/v1/coupons", [("percent_off", "5"), ("duration", "once")]))
        _ = try stripe(running, .delete, "/v1/coupons/\(account.deletedCoupon)")
        account.promotion = id(try stripe(running, .post, "/v1/promotion_codes", [("coupon", .string(account.coupon)), ("code", "LAUNCH")]))
        account.plan = id(try stripe(running, .post, "/v1/plans", [
            ("product", .string(id(product))), ("amount", "700"), ("currency", "usd"), ("interval", "month")]))
        account.deletedPlan = id(try stripe(running, .post, "/v1/plans", [
            ("product", .string(id(product))), ("amount", "900"), ("currency", "usd"), ("interval", "year")]))
        _ = try stripe(running, .delete, "/v1/plans/\(account.deletedPlan)")
        account.taxRate = id(try stripe(running, .post, "/v1/tax_rates", [("display_name", "VAT"), ("percentage", "19"), ("inclusive", "false")]))
        let customer = try stripe(running, .post, "/v1/customers", [("email", "billing@example.com"), ("coupon", .string(id(loyal)))])
        let customerID = id(customer)
        account.customerDiscount = customer["discount"]?["id"]?.stringValue ?? ""
        let method = try stripe(running, .post, "/v1/payment_methods/pm_card_visa/attach", [("customer", .string(customerID))])
        let subscription = try stripe(running, .post, "/v1/subscriptions", [
            ("customer", .string(customerID)), ("default_payment_method", .string(id(method))),
            ("items", .array([.object([("price", .string(id(price)))])])), ("promotion_code", .string(account.promotion)),
        ])
        account.subscription = id(subscription)
        account.subscriptionDiscount = subscription["discount"]?["id"]?.stringValue ?? ""
        account.invoiceItem = id(try stripe(running, .post, "/v1/invoiceitems", [
            ("customer", .string(customerID)), ("amount", "1500"), ("currency", "usd"), ("subscription", .string(account.subscription))]))
        account.setupIntent = id(try stripe(running, .post, "/v1/setup_intents", [
            ("customer", .string(customerID)), ("payment_method", .string(id(method))), ("confirm", "true")]))
        return account
    }

    private static func run(_ arguments: [String], _ running: RunningEmulator) throws {
        let result = try CLI.run(arguments, environment: fetchEnvironment(running))
        #expect(result.status == 0, "\(arguments[0]): \(result.stdout) \(result.stderr)")
    }

    @Test("every billing resource is fetched, discounts come expanded and are harvested, deletions are marked, check exits 0")
    func fullFetch() async throws {
        try await withEmulator { running in
            try TestDatabase.with { database in
                let account = try Self.populate(running)
                #expect(!account.customerDiscount.isEmpty && !account.subscriptionDiscount.isEmpty)
                let directory = try TestEnvironment.temporaryDirectory().path
                try Self.run(["fetch", "--out", directory, "--database-url", database.url], running)
                // Listed with expand[]=data.discounts: the subscription's discounts come whole.
                let subscription = try #require(try dumpObjects(directory, .subscriptions).first)
                #expect(subscription["discounts"]?[0]?["id"]?.stringValue == account.subscriptionDiscount)
                #expect(try dumpIDs(directory, .invoiceItems) == [account.invoiceItem])
                #expect(try dumpIDs(directory, .setupIntents) == [account.setupIntent])
                #expect(try dumpIDs(directory, .taxRates) == [account.taxRate])
                #expect(try dumpIDs(directory, .discounts).isEmpty)
                try Self.run(["ingest", "all", "--dir", directory, "--database-url", database.url], running)
                let connection = try database.connect()
                let discounts = try connection.query("""
                    SELECT id, coupon_id, promotion_code_id, subscription_id, is_embedded FROM stripe.discounts ORDER BY started_at, id
                    """).rows
                #expect(Set(discounts.map { $0["id"] ?? "" }) == [account.customerDiscount, account.subscriptionDiscount])
                #expect(discounts.allSatisfy { $0["is_embedded"] == "t" })
                let fromPromotion = discounts.first { $0["id"] == account.subscriptionDiscount }
                #expect(fromPromotion?["coupon_id"] == account.coupon && fromPromotion?["promotion_code_id"] == account.promotion)
                #expect(fromPromotion?["subscription_id"] == account.subscription)
                #expect(try connection.query("SELECT coupon_id FROM stripe.promotion_codes").scalar(String.self) == account.coupon)
                #expect(try connection.query("SELECT subscription_id FROM stripe.invoice_items").scalar(String.self) == account.subscription)
                #expect(try connection.query("SELECT status FROM stripe.setup_intents").scalar(String.self) == "succeeded")
                #expect(try connection.query("SELECT count(*) FROM stripe.plans WHERE NOT is_placeholder").scalar(Int.self) == 1)
                // Deleted ones are absent from Stripe's lists: nothing holds them.
                #expect(try connection.query("SELECT count(*) FROM stripe.coupons WHERE id = $1", [account.deletedCoupon]).scalar(Int.self) == 0)
                try Self.run(["check", "--dir", directory, "--database-url", database.url], running)
            }
        }
    }

    @Test("an incremental fetch applies coupon.deleted, plan.deleted and invoiceitem.deleted, and a new discount's event")
    func incrementalDeletions() async throws {
        try await withEmulator { running in
            try TestDatabase.with { database in
                let account = try Self.populate(running)
                let first = try TestEnvironment.temporaryDirectory().path
                try Self.run(["fetch", "--out", first, "--database-url", database.url], running)
                try Self.run(["ingest", "all", "--dir", first, "--database-url", database.url], running)
                _ = try stripe(running, .delete, "/v1/coupons/\(account.coupon)")
                _ = try stripe(running, .delete, "/v1/plans/\(account.plan)")
                _ = try stripe(running, .delete, "/v1/invoiceitems/\(account.invoiceItem)")
                let other = try stripe(running, .post, "/v1/coupons", [("id", "LATER"), ("percent_off", "15"), ("duration", "once")])
                let later = try stripe(running, .post, "/v1/customers", [("email", "later@example.com"), ("coupon", .string(Self.id(other)))])
                let laterDiscount = later["discount"]?["id"]?.stringValue ?? ""
                let second = try TestEnvironment.temporaryDirectory().path
                try Self.run(["fetch", "--out", second, "--database-url", database.url], running)
                #expect(try FetchManifest.read(directory: second)?.mode == "incremental")
                #expect(try dumpIDs(second, .discounts).contains(laterDiscount))
                try Self.run(["ingest", "all", "--dir", second, "--database-url", database.url], running)
                let connection = try database.connect()
                for (table, id) in [("coupons", account.coupon), ("plans", account.plan), ("invoice_items", account.invoiceItem)] {
                    #expect(try connection.query("SELECT deleted FROM stripe.\(table) WHERE id = $1", [id]).scalar(Bool.self) == true,
                            "\(table) \(id)")
                }
                #expect(try connection.query("SELECT coupon_id FROM stripe.discounts WHERE id = $1", [laterDiscount]).scalar(String.self) == "LATER")
                try Self.run(["check", "--dir", second, "--database-url", database.url], running)
            }
        }
    }
}
