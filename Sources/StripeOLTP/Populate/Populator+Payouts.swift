import StripeHTTP

extension Populator {
    /// Finds each fixture payout among the account's payouts, or creates it from the balance the
    /// fixture payments left.
    func populatePayouts() {
        for payout in fixture.payouts ?? [] {
            handle(.payouts, payout.key, requires: [], expected: {
                ["amount": .int(payout.amount), "currency": .string(payout.currency)]
            }) { step in
                let listed = try step.call("list payouts") { try api.list("/v1/payouts", []) }
                if let found = listed.first(where: { fixtureKey($0) == payout.key }) {
                    return (try step.id(of: found, action: "list"), .skipped)
                }
                var params: [(String, FormValue)] = [
                    ("amount", .string(String(payout.amount))), ("currency", .string(payout.currency)),
                ]
                if let description = payout.description { params.append(("description", .string(description))) }
                params.append(("metadata", metadata(payout.key, payout.metadata)))
                let created = try step.call("create") {
                    try api.create("/v1/payouts", params, idempotencyKey: PopulateIdempotency.key(
                        "payout", fixtureKey: payout.key, parameters: params))
                }
                return (try step.id(of: created, action: "create"), .created)
            }
        }
    }
}
