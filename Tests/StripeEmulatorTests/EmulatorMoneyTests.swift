import Foundation
import Testing
@testable import StripeEmulator

/// Charges, refunds, disputes and payouts move the emulator's balance so that the numbers tie out.
@Suite("Emulator money")
struct EmulatorMoneyTests {
    private func id(_ result: CurlResult) -> String { result.body?["id"]?.stringValue ?? "" }

    private func pay(_ curl: Curl, card: String, amount: Int) async throws -> CurlResult {
        let customer = try await curl.call("POST", "/v1/customers", [("email", "\(card)@example.com")])
        let method = try await curl.call("POST", "/v1/payment_methods/\(card)/attach", [("customer", id(customer))])
        return try await curl.call("POST", "/v1/payment_intents", [
            ("amount", String(amount)), ("currency", "usd"), ("customer", id(customer)),
            ("payment_method", id(method)), ("confirm", "true"),
        ])
    }

    private func transactions(_ curl: Curl, source: String) async throws -> [JSONValue] {
        try await curl.call("GET", "/v1/balance_transactions", [("source", source)]).body?["data"]?.arrayValue ?? []
    }

    @Test func chargeAndRefundHaveBalanceTransactionsThatTieOut() async throws {
        try await withEmulator { curl, _ in
            let intent = try await pay(curl, card: "pm_card_visa", amount: 10_000)
            let chargeID = intent.body?["latest_charge"]?.stringValue ?? ""
            let charge = try await curl.call("GET", "/v1/charges/\(chargeID)")
            let transactionID = charge.body?["balance_transaction"]?.stringValue ?? ""
            let transaction = try await curl.call("GET", "/v1/balance_transactions/\(transactionID)")
            #expect(transaction.status == 200)
            #expect(transaction.body?["source"]?.stringValue == chargeID)
            #expect(transaction.body?["amount"]?.intValue == 10_000)
            #expect(transaction.body?["fee"]?.intValue == 320)
            #expect(transaction.body?["net"]?.intValue == 9_680)

            let refund = try await curl.call("POST", "/v1/refunds", [("charge", chargeID), ("amount", "2500")])
            let refundTransactions = try await transactions(curl, source: id(refund))
            #expect(refundTransactions.count == 1)
            #expect(refundTransactions.first?["id"] == refund.body?["balance_transaction"])
            #expect(refundTransactions.first?["amount"]?.intValue == -2_500)
            #expect(refundTransactions.first?["net"]?.intValue == -2_500)

            let updated = try await curl.call("POST", "/v1/refunds/\(id(refund))", [("metadata[ticket]", "T-1")])
            #expect(updated.status == 200)
            let events = try await curl.call("GET", "/v1/events", [("type", "charge.refund.updated")])
            let object = events.body?["data"]?.arrayValue?.first?["data"]?["object"]
            #expect(object?["object"]?.stringValue == "refund" && object?["id"]?.stringValue == id(refund))
            #expect(object?["metadata"]?["ticket"]?.stringValue == "T-1")
        }
    }

    @Test func testCard0259IsDisputed() async throws {
        try await withEmulator { curl, _ in
            let intent = try await pay(curl, card: "pm_card_createDispute", amount: 5_000)
            #expect(intent.body?["status"]?.stringValue == "succeeded")
            let chargeID = intent.body?["latest_charge"]?.stringValue ?? ""
            let charge = try await curl.call("GET", "/v1/charges/\(chargeID)")
            #expect(charge.body?["disputed"] == .bool(true))
            let disputes = try await curl.call("GET", "/v1/disputes", [("charge", chargeID)])
            let dispute = try #require(disputes.body?["data"]?.arrayValue?.first)
            #expect(dispute["amount"]?.intValue == 5_000)
            #expect(dispute["reason"]?.stringValue == "fraudulent")
            let withdrawal = try #require(dispute["balance_transactions"]?.arrayValue?.first)
            #expect(withdrawal["amount"]?.intValue == -5_000)
            #expect(withdrawal["fee"]?.intValue == 1_500)
            #expect(withdrawal["net"]?.intValue == -6_500)
            #expect(try await transactions(curl, source: dispute["id"]?.stringValue ?? "").map { $0["id"] } == [withdrawal["id"]])
            let created = try await curl.call("GET", "/v1/events", [("type", "charge.dispute.created")])
            #expect(created.body?["data"]?.arrayValue?.first?["data"]?["object"]?["id"] == dispute["id"])
            let plain = try await pay(curl, card: "pm_card_visa", amount: 5_000)
            let plainCharge = try await curl.call("GET", "/v1/charges/\(plain.body?["latest_charge"]?.stringValue ?? "")")
            #expect(plainCharge.body?["disputed"] == .bool(false))
        }
    }

    @Test func payoutsComeOutOfTheBalance() async throws {
        try await withEmulator { curl, _ in
            _ = try await pay(curl, card: "pm_card_visa", amount: 10_000)  // net 9680
            let tooMuch = try await curl.call("POST", "/v1/payouts", [("amount", "9681"), ("currency", "usd")])
            #expect(tooMuch.status == 400)
            #expect(tooMuch.body?["error"]?["code"]?.stringValue == "balance_insufficient")
            let payout = try await curl.call("POST", "/v1/payouts", [("amount", "9000"), ("currency", "usd"),
                                                                    ("metadata[fixture_key]", "po-1")])
            #expect(payout.status == 200)
            #expect(id(payout).hasPrefix("po_"))
            let transaction = try await transactions(curl, source: id(payout))
            #expect(transaction.first?["id"] == payout.body?["balance_transaction"])
            #expect(transaction.first?["net"]?.intValue == -9_000)
            let listed = try await curl.call("GET", "/v1/payouts")
            #expect(listed.body?["data"]?.arrayValue?.map { $0["id"] } == [payout.body?["id"]])
            let retrieved = try await curl.call("GET", "/v1/payouts/\(id(payout))")
            #expect(retrieved.body?["metadata"]?["fixture_key"]?.stringValue == "po-1")
            let all = try await curl.call("GET", "/v1/balance_transactions", [("limit", "100")]).body?["data"]?.arrayValue ?? []
            #expect(all.reduce(0) { $0 + ($1["net"]?.intValue ?? 0) } == 680)
            for object in all {
                #expect(object["net"]?.intValue == (object["amount"]?.intValue ?? 0) - (object["fee"]?.intValue ?? 0))
            }
            let events = try await curl.call("GET", "/v1/events", [("type", "payout.created")])
            #expect(events.body?["data"]?.arrayValue?.count == 1)
        }
    }
}
