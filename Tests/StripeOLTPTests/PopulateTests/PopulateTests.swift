import Foundation
import StripeEmulator
import StripeHTTP
import StripeJSON
import StripeOLTP
import TestSupport
import Testing

@Suite("Populate against the local Stripe-compatible server")
struct PopulateTests {
    @Test("populate creates every fixture object with its links and final state")
    func createsLinkedObjects() async throws {
        try await PopulateEmulator.with { running in
            let report = try PopulateEmulator.populate(running)
            let fixture = try PopulateEmulator.fixture()
            #expect(report.succeeded, "\(report.failures)")
            #expect(report.counts(.products) == counts(created: fixture.products.count))
            #expect(report.counts(.prices) == counts(created: fixture.prices.count))
            #expect(report.counts(.customers) == counts(created: fixture.customers.count))
            #expect(report.counts(.paymentMethods) == counts(created: fixture.paymentMethods.count))
            #expect(report.counts(.subscriptions) == counts(created: fixture.subscriptions.count))
            #expect(report.counts(.paymentIntents) == counts(created: fixture.paymentIntents.count))
            #expect(report.counts(.refunds) == counts(created: fixture.refunds.count))
            #expect(report.counts(.creditNotes) == counts(created: fixture.creditNotes.count))
            #expect(report.counts(.checkoutSessions) == counts(created: fixture.checkoutSessions.count))
            func id(_ key: String) throws -> String { try #require(report.entries[key]?.id, "no id for \(key)") }
            let get = { (path: String) in try PopulateEmulator.get(running, path) }

            for product in fixture.products {
                let object = try get("/v1/products/\(try id(product.key))")
                #expect(object["metadata"]?["fixture_key"]?.stringValue == product.key)
                #expect(object["name"]?.stringValue == product.name)
                for (tag, value) in product.metadata ?? [:] { #expect(object["metadata"]?[tag]?.stringValue == value) }
            }
            for price in fixture.prices {
                let object = try get("/v1/prices/\(try id(price.key))")
                #expect(object["product"]?.stringValue == (try id(price.product)))
                #expect(object["currency"]?.stringValue == price.currency)
                #expect(object["unit_amount"]?.int64Value == Int64(price.unitAmount))
                #expect(object["type"]?.stringValue == (price.recurring == nil ? "one_time" : "recurring"))
                #expect(object["recurring"]?["interval"]?.stringValue == price.recurring?.interval)
            }
            #expect(Set(fixture.prices.map(\.currency)).count >= 3)
            #expect(Set(fixture.prices.compactMap(\.recurring?.interval)).count >= 3)

            for customer in fixture.customers where !customer.endsDeleted {
                let object = try get("/v1/customers/\(try id(customer.key))")
                #expect(object["email"]?.stringValue == customer.email)
                #expect(object["address"]?["country"]?.stringValue == customer.address?.country)
                #expect(object["metadata"]?["fixture_key"]?.stringValue == customer.key)
                for method in fixture.paymentMethods where method.customer == customer.key {
                    let card = try get("/v1/payment_methods/\(try id(method.key))")
                    #expect(card["customer"]?.stringValue == (try id(customer.key)))
                    if method.isDefault == true {
                        #expect(object["invoice_settings"]?["default_payment_method"]?.stringValue == (try id(method.key)))
                    }
                }
            }
            for subscription in fixture.subscriptions {
                let object = try get("/v1/subscriptions/\(try id(subscription.key))")
                #expect(object["status"]?.stringValue == subscription.finalStatus)
                #expect(object["customer"]?.stringValue == (try id(subscription.customer)))
                #expect(object["items"]?["data"]?[0]?["price"]?["id"]?.stringValue == (try id(subscription.items[0].price)))
                #expect(report.entries[subscription.key]?.expected["status"] == .string(subscription.finalStatus))
            }
            #expect(Set(fixture.subscriptions.map(\.finalStatus)) == ["active", "trialing", "canceled"])

            for intent in fixture.paymentIntents {
                let object = try get("/v1/payment_intents/\(try id(intent.key))")
                #expect(object["status"]?.stringValue == intent.finalStatus)
                #expect(object["customer"]?.stringValue == (try id(intent.customer)))
                #expect(object["amount"]?.int64Value == Int64(intent.amount))
                if intent.expectsDecline {
                    #expect(object["last_payment_error"]?["code"]?.stringValue == "card_declined")
                }
            }
            let declines = fixture.paymentIntents.filter { $0.expectsDecline }
            #expect(!declines.isEmpty)

            for refund in fixture.refunds {
                let object = try get("/v1/refunds/\(try id(refund.key))")
                #expect(object["payment_intent"]?.stringValue == (try id(refund.paymentIntent)))
                #expect(object["amount"]?.int64Value == refund.amount.map(Int64.init))
                let intent = try get("/v1/payment_intents/\(try id(refund.paymentIntent))")
                let charge = try get("/v1/charges/\(try #require(intent["latest_charge"]?.stringValue))")
                #expect(charge["amount_refunded"]?.int64Value == refund.amount.map(Int64.init))
            }

            let deletedCustomer = fixture.customers.first { $0.endsDeleted }
            let deleted = try #require(deletedCustomer)
            let stub = try get("/v1/customers/\(try id(deleted.key))")
            #expect(stub["deleted"]?.boolValue == true)
            let paid = try #require(fixture.paymentIntents.first { $0.customer == deleted.key })
            let payment = try get("/v1/payment_intents/\(try id(paid.key))")
            #expect(payment["status"]?.stringValue == "succeeded")
            #expect(payment["customer"]?.stringValue == (try id(deleted.key)))
            #expect(report.entries[deleted.key]?.expected["deleted"] == true)
        }
    }

    @Test("populate run twice creates nothing the second time and sends no POST")
    func secondRunCreatesNothing() async throws {
        try await PopulateEmulator.with { running in
            let first = try PopulateEmulator.populate(running)
            #expect(first.total.created == first.order.count)
            let before = running.emulator.requestLog.count
            let second = try PopulateEmulator.populate(running)
            #expect(second.succeeded, "\(second.failures)")
            #expect(second.total.created == 0)
            #expect(second.total.skipped == first.total.created)
            let requests = running.emulator.requestLog.dropFirst(before)
            #expect(!requests.isEmpty)
            #expect(requests.filter { $0.method != "GET" }.isEmpty, "\(requests.filter { $0.method != "GET" })")
            for key in first.order { #expect(second.entries[key]?.id == first.entries[key]?.id, "\(key)") }
            let customers = try PopulateEmulator.get(running, "/v1/customers", [("limit", "100")])
            #expect(customers["data"]?.arrayValue?.count == (try PopulateEmulator.fixture()).customers.count - 1)
        }
    }

    @Test("the deleted customer is found again without a previous manifest, and with one")
    func deletedCustomerFoundAgain() async throws {
        try await PopulateEmulator.with { running in
            let first = try PopulateEmulator.populate(running)
            let manifest = first.manifest(apiBase: running.baseURL, generatedAt: "2026-01-01T00:00:00Z")
            // A manifest naming an id Stripe does not know, and one from another server, are not trusted.
            var stale = manifest
            stale.objects["cus-erin"]?.id = "cus_doesnotexist"
            var elsewhere = manifest
            elsewhere.apiBase = "https://api.stripe.com"
            elsewhere.objects["pm-erin-visa"]?.id = "pm_elsewhere"
            for previous in [nil, manifest, stale, elsewhere] {
                let again = try PopulateEmulator.populate(running, previous: previous)
                #expect(again.total.created == 0)
                #expect(again.entries["cus-erin"]?.outcome == .skipped)
                #expect(again.entries["cus-erin"]?.id == first.entries["cus-erin"]?.id)
                #expect(again.entries["pm-erin-visa"]?.id == first.entries["pm-erin-visa"]?.id)
            }
        }
    }

    @Test("populate --force cancels the fixture subscriptions and creates new ones; the rest is untouched")
    func forceRecreatesSubscriptions() async throws {
        try await PopulateEmulator.with { running in
            let fixture = try PopulateEmulator.fixture()
            let first = try PopulateEmulator.populate(running)
            let forced = try PopulateEmulator.populate(running, force: true, generation: "gtest1")
            #expect(forced.succeeded, "\(forced.failures)")
            #expect(forced.counts(.subscriptions) == counts(created: fixture.subscriptions.count))
            #expect(forced.total.created == fixture.subscriptions.count)
            let live = fixture.subscriptions.filter { $0.finalStatus != "canceled" }
            #expect(forced.canceledSubscriptions.count == live.count)
            for subscription in fixture.subscriptions {
                let old = try #require(first.entries[subscription.key]?.id)
                let new = try #require(forced.entries[subscription.key]?.id)
                #expect(old != new)
                #expect(try PopulateEmulator.get(running, "/v1/subscriptions/\(old)")["status"]?.stringValue == "canceled")
                let object = try PopulateEmulator.get(running, "/v1/subscriptions/\(new)")
                #expect(object["status"]?.stringValue == subscription.finalStatus)
                #expect(object["metadata"]?["fixture_generation"]?.stringValue == "gtest1")
                if subscription.finalStatus != "canceled" { #expect(forced.canceledSubscriptions.contains(old)) }
            }
            // A second force creates yet another generation; a plain run afterwards creates nothing.
            let again = try PopulateEmulator.populate(running, force: true, generation: "gtest2")
            #expect(again.counts(.subscriptions).created == fixture.subscriptions.count)
            for subscription in fixture.subscriptions {
                #expect(again.entries[subscription.key]?.id != forced.entries[subscription.key]?.id)
            }
            let plain = try PopulateEmulator.populate(running)
            #expect(plain.total.created == 0)
            for subscription in fixture.subscriptions {
                #expect(plain.entries[subscription.key]?.id == again.entries[subscription.key]?.id)
            }
        }
    }

    @Test("an existing price without a fixture key but with the same amount and interval is reused")
    func adoptsMatchingPrice() async throws {
        try await PopulateEmulator.with { running in
            let fixture = try PopulateEmulator.fixture()
            let price = try #require(fixture.prices.first { $0.recurring != nil })
            let productFixture = try #require(fixture.products.first { $0.key == price.product })
            let api = PopulateAPI(client: try PopulateEmulator.client(running))
            let product = try api.post("/v1/products", [
                ("name", .string(productFixture.name)), ("metadata", .object([("fixture_key", .string(productFixture.key))])),
            ], idempotencyKey: "test-product")
            let productID = try #require(product["id"]?.stringValue)
            let existing = try api.post("/v1/prices", [
                ("product", .string(productID)), ("currency", .string(price.currency)),
                ("unit_amount", .string(String(price.unitAmount))),
                ("recurring", .object([("interval", .string(price.recurring!.interval)),
                                       ("interval_count", .string(String(price.recurring!.count)))])),
            ], idempotencyKey: "test-price")
            let report = try PopulateEmulator.populate(running)
            #expect(report.entries[productFixture.key]?.outcome == .skipped)
            #expect(report.entries[productFixture.key]?.id == productID)
            #expect(report.entries[price.key]?.outcome == .skipped)
            #expect(report.entries[price.key]?.id == existing["id"]?.stringValue)
        }
    }

    @Test("idempotency keys follow the fixture key, the parameters and the generation")
    func idempotencyKeys() {
        let parameters: [(String, FormValue)] = [("customer", "cus_1"), ("metadata", .object([("fixture_key", "sub-a")]))]
        let key = PopulateIdempotency.key("subscription", fixtureKey: "sub-a", parameters: parameters)
        #expect(key == PopulateIdempotency.key("subscription", fixtureKey: "sub-a", parameters: parameters))
        #expect(key.contains("sub-a"))
        #expect(key != PopulateIdempotency.key("subscription", fixtureKey: "sub-b", parameters: parameters))
        #expect(key != PopulateIdempotency.key("subscription", fixtureKey: "sub-a", parameters: [("customer", "cus_2")]))
        let generation1 = PopulateIdempotency.key("subscription", fixtureKey: "sub-a", parameters: parameters, generation: "g1")
        let generation2 = PopulateIdempotency.key("subscription", fixtureKey: "sub-a", parameters: parameters, generation: "g2")
        #expect(generation1 != key && generation1 != generation2)
        #expect(key.count <= 255)
    }

    @Test("a populator refuses an authorization for another command and live keys")
    func populatorChecksAuthorization() throws {
        let fixture = try PopulateEmulator.fixture()
        let plain = try SafetyGuard(environment: .dev).authorizeStripe("populate", apiKey: PopulateEmulator.testKey)
        let client = try StripeClient(configuration: StripeClientConfiguration(
            apiKey: PopulateEmulator.testKey, baseURL: "http://127.0.0.1:1"))
        #expect(throws: LoaderError.self) { try Populator(client: client, fixture: fixture, authorization: plain, force: true) }
        let live = try StripeClient(configuration: StripeClientConfiguration(
            apiKey: PopulateEmulator.liveKey, baseURL: "http://127.0.0.1:1"))
        #expect(throws: LoaderError.self) { try Populator(client: live, fixture: fixture, authorization: plain) }
        #expect(live.requestsSent == 0 && client.requestsSent == 0)
    }

    @Test("the manifest round-trips and lists every fixture key")
    func manifestRoundTrip() async throws {
        try await PopulateEmulator.with { running in
            let report = try PopulateEmulator.populate(running)
            let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("manifest.json").path
            let manifest = report.manifest(apiBase: running.baseURL, generatedAt: "2026-01-01T00:00:00Z")
            try manifest.write(to: path)
            let read = try #require(PopulateManifest.read(from: path))
            #expect(read == manifest)
            let fixture = try PopulateEmulator.fixture()
            let lists: [[String]] = [
                fixture.products.map(\.key), fixture.prices.map(\.key), fixture.customers.map(\.key),
                fixture.paymentMethods.map(\.key), fixture.subscriptions.map(\.key), fixture.paymentIntents.map(\.key),
                fixture.refunds.map(\.key), (fixture.payouts ?? []).map(\.key), fixture.creditNotes.map(\.key),
                fixture.checkoutSessions.map(\.key), (fixture.billing ?? []).map(\.key),
            ]
            let keys = lists.flatMap { $0 }
            #expect(Set(read.objects.keys) == Set(keys))
            #expect(read.objects.values.allSatisfy { $0.id != nil && $0.outcome == .created })
            #expect(read.counts["customers"]?.created == fixture.customers.count)
        }
    }
}

private func counts(created: Int = 0, skipped: Int = 0, failed: Int = 0) -> PopulateCounts {
    var counts = PopulateCounts()
    counts.created = created
    counts.skipped = skipped
    counts.failed = failed
    return counts
}
