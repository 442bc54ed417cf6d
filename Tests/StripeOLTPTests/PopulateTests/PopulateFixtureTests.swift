import Foundation
import StripeOLTP
import Testing
import TestSupport

@Suite("Populate fixture")
struct PopulateFixtureTests {
    /// The shipped fixture as a mutable JSON tree.
    private func shipped() throws -> [String: Any] {
        let url = TestEnvironment.fixturesDirectory.appendingPathComponent("populate.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    private func decode(_ tree: [String: Any]) throws -> PopulateFixture {
        try PopulateFixture.decode(try JSONSerialization.data(withJSONObject: tree), file: "edited.json")
    }

    private func edit(_ tree: inout [String: Any], _ list: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
        var items = tree[list] as! [[String: Any]]
        change(&items[index])
        tree[list] = items
    }

    @Test("the shipped fixture covers what the data set promises")
    func shippedFixture() throws {
        let fixture = try PopulateEmulator.fixture()
        #expect(fixture.prices.contains { $0.recurring == nil })
        #expect(fixture.prices.contains { $0.recurring != nil })
        #expect(Set(fixture.prices.map(\.currency)).count >= 3)
        #expect(fixture.customers.allSatisfy { $0.address != nil && !($0.metadata ?? [:]).isEmpty })
        #expect(fixture.products.allSatisfy { !($0.metadata ?? [:]).isEmpty })
        #expect(fixture.paymentMethods.contains { $0.testPaymentMethod == "pm_card_visa" })
        #expect(fixture.paymentMethods.contains { $0.testPaymentMethod.contains("Fail") || $0.testPaymentMethod.contains("Declined") })
        #expect(Set(fixture.subscriptions.map(\.finalStatus)) == ["active", "trialing", "canceled"])
        #expect(Set(fixture.paymentIntents.map(\.finalStatus)) == ["succeeded", "requires_payment_method"])
        #expect(!fixture.refunds.isEmpty)
        let deleted = fixture.customers.filter(\.endsDeleted).map(\.key)
        #expect(deleted.count == 1)
        #expect(fixture.paymentIntents.contains { deleted.contains($0.customer) && $0.finalStatus == "succeeded" })
    }

    @Test("the billing list has one of each billing kind; a bad kind, reference or discount is refused")
    func billingObjects() throws {
        let fixture = try PopulateEmulator.fixture()
        #expect(Set((fixture.billing ?? []).compactMap(\.populateResource)) == Set(PopulateResource.billing))
        let index = (fixture.billing ?? []).firstIndex { $0.resource == "discounts" }!
        var kind = try shipped()
        edit(&kind, "billing", 0) { $0["resource"] = "credit_notes" }
        #expect(try #require(throws: PopulateError.self) { try decode(kind) }.description.contains("credit_notes"))
        var reference = try shipped()
        edit(&reference, "billing", index) { $0["refs"] = ["customer": "cus-alice", "coupon": "prod-pro"] }
        #expect(try #require(throws: PopulateError.self) { try decode(reference) }.description.contains("not a fixture coupons key"))
        var deleted = try shipped()
        edit(&deleted, "billing", index) { $0["refs"] = ["customer": "cus-erin", "coupon": "coupon-launch-20"] }
        #expect(try #require(throws: PopulateError.self) { try decode(deleted) }.description.contains("deleted at the end"))
        var incomplete = try shipped()
        edit(&incomplete, "billing", index) { $0["refs"] = ["customer": "cus-alice"] }
        #expect(try #require(throws: PopulateError.self) { try decode(incomplete) }.description.contains("refs.coupon"))
        var older = try shipped()
        older["billing"] = nil
        #expect(try decode(older).billing == nil)
    }

    @Test("a reference to an unknown object names the object and the reference")
    func unknownReference() throws {
        var tree = try shipped()
        edit(&tree, "prices", 0) { $0["product"] = "prod-missing" }
        let error = try #require(throws: PopulateError.self) { try decode(tree) }
        guard case .fixture(let file, let key, let reason) = error else { Issue.record("\(error)"); return }
        #expect(file == "edited.json")
        #expect(key == "price-starter-monthly-usd")
        #expect(reason.contains("prod-missing"))
    }

    @Test("duplicate keys, a one-time price in a subscription and bad statuses are refused")
    func inconsistentFixtures() throws {
        var duplicate = try shipped()
        edit(&duplicate, "prices", 1) { $0["key"] = "price-starter-monthly-usd" }
        #expect(try #require(throws: PopulateError.self) { try decode(duplicate) }.description.contains("used twice"))

        var oneTime = try shipped()
        edit(&oneTime, "subscriptions", 0) { $0["items"] = [["price": "price-onboarding-usd"]] }
        #expect(try #require(throws: PopulateError.self) { try decode(oneTime) }.description.contains("not recurring"))

        var status = try shipped()
        edit(&status, "subscriptions", 0) { $0["final_status"] = "paused" }
        #expect(try #require(throws: PopulateError.self) { try decode(status) }.description.contains("paused"))

        var deletedWithSubscription = try shipped()
        edit(&deletedWithSubscription, "customers", 0) { $0["delete_after_payments"] = true }
        #expect(try #require(throws: PopulateError.self) { try decode(deletedWithSubscription) }
            .description.contains("cancels its subscriptions"))

        var reserved = try shipped()
        edit(&reserved, "products", 0) { $0["metadata"] = ["fixture_key": "x"] }
        #expect(try #require(throws: PopulateError.self) { try decode(reserved) }.description.contains("fixture_key"))

        var card = try shipped()
        edit(&card, "payment_methods", 0) { $0["test_payment_method"] = "4242424242424242" }
        #expect(try #require(throws: PopulateError.self) { try decode(card) }.description.contains("pm_card_"))
    }

    @Test("a missing field and a missing file name the file and the field")
    func unreadableFixtures() throws {
        var tree = try shipped()
        edit(&tree, "customers", 1) { $0["email"] = nil }
        let error = try #require(throws: PopulateError.self) { try decode(tree) }
        #expect(error.description.contains("edited.json"))
        #expect(error.description.contains("email"))
        #expect(error.description.contains("customers[1]"))
        let missing = try #require(throws: PopulateError.self) { try PopulateFixture.load(path: "/nonexistent/populate.json") }
        #expect(missing.description.contains("/nonexistent/populate.json"))
    }
}
