import StripeHTTP

extension Populator {
    /// Statuses of a subscription that has ended.
    static let endedStatuses: Set<String> = ["canceled", "incomplete_expired"]

    /// Under `--force`: cancels every subscription of the live fixture customers that has not
    /// ended, so they can be created again; the canceled ids go into the report.
    func cancelSubscriptionsForRecreation() {
        for customer in fixture.customers where !deletedCustomers.contains(customer.key) {
            guard let customerID = ids[customer.key] else { continue }
            let keys = fixture.subscriptions.filter { $0.customer == customer.key }.map(\.key)
            do {
                let listed = try api.list("/v1/subscriptions", [("customer", .string(customerID)), ("status", "all")])
                for subscription in listed where !Populator.endedStatuses.contains(subscription["status"]?.stringValue ?? "") {
                    guard let id = stripeID(subscription) else { continue }
                    _ = try api.delete("/v1/subscriptions/\(id)")
                    report.canceledSubscriptions.append(id)
                }
            } catch {
                // The subscriptions of this customer cannot be recreated safely; mark them failed.
                let reason = PopulateError.request(
                    resource: "subscriptions", key: customer.key, action: "cancel before recreating", reason: "\(error)").description
                for key in keys {
                    report.record(key, PopulateManifestEntry(
                        resource: .subscriptions, id: nil, outcome: .failed, expected: [:], error: reason))
                }
            }
        }
    }

    /// Finds each fixture subscription (the newest carrying its fixture key) or creates it,
    /// charging the fixture card; one meant to end canceled is canceled right after. Under
    /// `--force` every one is created again under the run's generation.
    func populateSubscriptions() {
        for subscription in fixture.subscriptions where report.entries[subscription.key]?.outcome != .failed {
            let priceKeys = subscription.items.map(\.price)
            handle(.subscriptions, subscription.key,
                   requires: [subscription.customer, subscription.paymentMethod] + priceKeys, expected: {
                var state: [String: ManifestValue] = [
                    "status": .string(subscription.finalStatus), "customer": idValue(subscription.customer),
                    "default_payment_method": idValue(subscription.paymentMethod),
                    "prices": .string(priceKeys.map { ids[$0] ?? "?" }.joined(separator: ",")),
                    "quantity": .int(subscription.items.reduce(0) { $0 + ($1.quantity ?? 1) }),
                ]
                if let days = subscription.trialPeriodDays { state["trial_period_days"] = .int(days) }
                if let generation = report.generation { state["generation"] = .string(generation) }
                return state
            }) { step in
                let customerID = ids[subscription.customer]!
                if !force {
                    let listed = try step.call("list subscriptions of \(customerID)") {
                        try api.list("/v1/subscriptions", [("customer", .string(customerID)), ("status", "all")])
                    }
                    if let found = listed.first(where: { fixtureKey($0) == subscription.key }) {
                        let id = try step.id(of: found, action: "list")
                        try finish(subscription, id: id, status: found["status"]?.stringValue, step)
                        return (id, .skipped)
                    }
                }
                var params: [(String, FormValue)] = [("customer", .string(customerID))]
                params.append(("items", .array(subscription.items.map { item in
                    .object([("price", .string(ids[item.price]!)), ("quantity", .string(String(item.quantity ?? 1)))])
                })))
                params.append(("default_payment_method", .string(ids[subscription.paymentMethod]!)))
                if let days = subscription.trialPeriodDays { params.append(("trial_period_days", .string(String(days)))) }
                params.append(("metadata", metadata(subscription.key, subscription.metadata, generation: report.generation)))
                let created = try step.call("create") {
                    try api.create("/v1/subscriptions", params, idempotencyKey: PopulateIdempotency.key(
                        "subscription", fixtureKey: subscription.key, parameters: params, generation: report.generation))
                }
                let id = try step.id(of: created, action: "create")
                ids[subscription.key] = id
                try finish(subscription, id: id, status: created["status"]?.stringValue, step)
                return (id, .created)
            }
        }
    }

    /// Brings subscription `id` to its final status: cancels one meant to end canceled, and
    /// fails when Stripe left it in another status than the fixture expects.
    func finish(_ subscription: FixtureSubscription, id: String, status: String?, _ step: PopulateStep) throws {
        var status = status
        if subscription.finalStatus == "canceled", status != "canceled" {
            let canceled = try step.call("cancel \(id)") { try api.delete("/v1/subscriptions/\(id)") }
            status = canceled["status"]?.stringValue
        }
        guard status == subscription.finalStatus else {
            throw PopulateError.unexpectedResponse(
                resource: step.resource.rawValue, key: subscription.key,
                reason: "\(id) is \(status ?? "without a status"), expected \(subscription.finalStatus)")
        }
    }
}
