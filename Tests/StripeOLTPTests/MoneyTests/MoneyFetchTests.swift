import Foundation
@testable import StripeEmulator
import StripeHTTP
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Fetch lists the money resources and follows their changes through events.
@Suite("Money resources: fetch")
struct MoneyFetchTests {
    @Test("an incremental fetch takes a refund from a charge.refund.updated event (object = refund)")
    func chargeRefundUpdatedCarriesRefund() async throws {
        try await withEmulator { running in
            let customer = try stripe(running, .post, "/v1/customers", [("email", "r@example.com")])
            let customerID = customer["id"]?.stringValue ?? ""
            let method = try stripe(running, .post, "/v1/payment_methods/pm_card_visa/attach", [("customer", .string(customerID))])
            let intent = try stripe(running, .post, "/v1/payment_intents", [
                ("amount", "4000"), ("currency", "usd"), ("customer", .string(customerID)),
                ("payment_method", .string(method["id"]?.stringValue ?? "")), ("confirm", "true"),
            ])
            let refund = try stripe(running, .post, "/v1/refunds", [("payment_intent", .string(intent["id"]?.stringValue ?? ""))])
            let refundID = refund["id"]?.stringValue ?? ""
            // Only a charge.refund.updated event reports the change, as for some refunds in Stripe.
            running.emulator.withState { state in
                var changed = state.table(.refund)[refundID]!
                changed["metadata"] = .object(["ticket": "SUP-9"])
                state.store(.refund, changed)
                state.emit("charge.refund.updated", changed)
            }
            let now = Int(Date().timeIntervalSince1970)
            var objects: [Resource: Int] = [:]
            for resource in Resource.allCases { objects[resource] = now + 7_200 }  // lists return nothing new
            let directory = try TestEnvironment.temporaryDirectory().path
            let report = try fetch(running, into: directory,
                                   cursors: FetchCursors(objects: objects, eventCreated: now - 60, eventID: "evt_recent"))
            #expect(report.succeeded)
            #expect(report.manifest.mode == "incremental")
            let refunds = try dumpObjects(directory, .refunds)
            #expect(refunds.map { $0["id"]?.stringValue } == [refundID])
            #expect(refunds.first?["metadata"]?["ticket"]?.stringValue == "SUP-9")
            #expect(report.manifest.entry(.refunds)?.fromEvents == 1)
        }
    }

    @Test("a full fetch lists refunds, disputes, balance transactions and payouts from their endpoints")
    func fullFetchListsMoney() async throws {
        try await withEmulator { running in
            let customer = try stripe(running, .post, "/v1/customers", [("email", "d@example.com")])
            let customerID = customer["id"]?.stringValue ?? ""
            for card in ["pm_card_visa", "pm_card_createDispute"] {
                let method = try stripe(running, .post, "/v1/payment_methods/\(card)/attach", [("customer", .string(customerID))])
                _ = try stripe(running, .post, "/v1/payment_intents", [
                    ("amount", "8000"), ("currency", "usd"), ("customer", .string(customerID)),
                    ("payment_method", .string(method["id"]?.stringValue ?? "")), ("confirm", "true"),
                ])
            }
            _ = try stripe(running, .post, "/v1/payouts", [("amount", "1000"), ("currency", "usd")])
            let directory = try TestEnvironment.temporaryDirectory().path
            let report = try fetch(running, into: directory, pageSize: 2)
            #expect(report.succeeded)
            #expect(try dumpIDs(directory, .disputes).count == 1)
            #expect(try dumpIDs(directory, .payouts).count == 1)
            // Two charges, one dispute, one payout.
            #expect(try dumpIDs(directory, .balanceTransactions).count == 4)
            for path in ["/v1/refunds", "/v1/disputes", "/v1/balance_transactions", "/v1/payouts"] {
                #expect(running.emulator.requestLog.contains { $0.path == path }, "\(path) not listed")
            }
        }
    }
}
