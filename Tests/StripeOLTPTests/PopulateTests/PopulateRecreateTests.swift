import Foundation
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

@Suite("populate rests on what Stripe holds")
struct PopulateRecreateTests {
    @Test("a customer deleted by hand is created again, with its card, instead of failing with 404", .timeLimit(.minutes(2)))
    func customerDeletedByHand() async throws {
        try await PopulateEmulator.with { running in
            let first = try PopulateEmulator.populate(running)
            #expect(first.succeeded, "\(first.failures)")
            let goneID = try #require(first.entries["cus-chloe"]?.id)
            let deleted = try PopulateEmulator.client(running).send(.delete, "/v1/customers/\(goneID)")
            #expect(deleted.status == 200)

            let again = try PopulateEmulator.populate(running)
            #expect(again.succeeded, "\(again.failures)")
            #expect(again.entries["cus-chloe"]?.outcome == .created)
            let newID = try #require(again.entries["cus-chloe"]?.id)
            #expect(newID != goneID)
            let customer = try PopulateEmulator.get(running, "/v1/customers/\(newID)")
            #expect(customer["deleted"]?.boolValue != true)
            #expect(customer["email"]?.stringValue == "chloe.evans+fixture@example.com")
            let cards = try PopulateEmulator.get(running, "/v1/customers/\(newID)/payment_methods", [("type", "card")])
            let fixtureCards = try PopulateEmulator.fixture().paymentMethods.filter { $0.customer == "cus-chloe" }
            #expect(cards["data"]?.arrayValue?.count == fixtureCards.count)
            // The others were found, not created again.
            #expect(again.entries["cus-alice"]?.outcome == .skipped)

            // A third run finds the recreated customer.
            let third = try PopulateEmulator.populate(running)
            #expect(third.succeeded && third.total.created == 0, "\(third.failures)")
            #expect(third.entries["cus-chloe"]?.id == newID)
        }
    }
}
