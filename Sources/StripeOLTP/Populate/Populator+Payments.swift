import StripeHTTP
import StripeJSON

extension Populator {
    /// Finds each fixture payment among its customer's payment intents, or creates and confirms
    /// it with the fixture card; a payment meant to be declined is found again after Stripe's 402.
    func populatePaymentIntents() {
        for intent in fixture.paymentIntents {
            handle(.paymentIntents, intent.key, requires: [intent.customer, intent.paymentMethod], expected: {
                var state: [String: ManifestValue] = [
                    "status": .string(intent.finalStatus), "customer": idValue(intent.customer),
                    "amount": .int(intent.amount), "currency": .string(intent.currency),
                    "amount_received": .int(intent.expectsDecline ? 0 : intent.amount),
                ]
                if intent.expectsDecline {
                    state["last_payment_error_code"] = "card_declined"
                } else {
                    state["payment_method"] = idValue(intent.paymentMethod)
                }
                return state
            }) { step in
                let customerID = ids[intent.customer]!
                if let found = try findPaymentIntent(intent, customerID: customerID, step) {
                    return (try check(intent, found, step), .skipped)
                }
                if deletedCustomers.contains(intent.customer) {
                    throw PopulateError.unexpectedResponse(
                        resource: step.resource.rawValue, key: intent.key,
                        reason: "customer \(customerID) is deleted and has no payment with this fixture key")
                }
                var params: [(String, FormValue)] = [
                    ("amount", .string(String(intent.amount))), ("currency", .string(intent.currency)),
                    ("customer", .string(customerID)), ("payment_method", .string(ids[intent.paymentMethod]!)),
                    ("payment_method_types", .array(["card"])), ("confirm", "true"),
                ]
                if let description = intent.description { params.append(("description", .string(description))) }
                params.append(("metadata", metadata(intent.key, intent.metadata)))
                let key = PopulateIdempotency.key("payment-intent", fixtureKey: intent.key, parameters: params)
                do {
                    let created = try api.create("/v1/payment_intents", params, idempotencyKey: key)
                    return (try check(intent, created, step), .created)
                } catch HTTPError.api(let error) where error.status == 402 && intent.expectsDecline {
                    // Declined as intended: Stripe keeps the payment intent, waiting for another card.
                    guard let found = try findPaymentIntent(intent, customerID: customerID, step) else {
                        throw PopulateError.unexpectedResponse(
                            resource: step.resource.rawValue, key: intent.key,
                            reason: "the card was declined but no payment intent with this fixture key exists")
                    }
                    return (try check(intent, found, step), .created)
                } catch {
                    throw PopulateError.request(resource: step.resource.rawValue, key: intent.key, action: "create", reason: "\(error)")
                }
            }
        }
    }

    /// The customer's payment intent carrying the fixture key, if any.
    func findPaymentIntent(_ intent: FixturePaymentIntent, customerID: String, _ step: PopulateStep) throws -> JSONValue? {
        try step.call("list payments of \(customerID)") {
            try api.list("/v1/payment_intents", [("customer", .string(customerID))])
        }.first { fixtureKey($0) == intent.key }
    }

    /// The id of the Stripe payment intent `object` when its status is the fixture's final one.
    func check(_ intent: FixturePaymentIntent, _ object: JSONValue, _ step: PopulateStep) throws -> String {
        let id = try step.id(of: object, action: "create")
        let status = object["status"]?.stringValue
        guard status == intent.finalStatus else {
            ids[intent.key] = id
            throw PopulateError.unexpectedResponse(
                resource: step.resource.rawValue, key: intent.key,
                reason: "\(id) is \(status ?? "without a status"), expected \(intent.finalStatus)")
        }
        return id
    }

    /// Finds each fixture refund among its payment's refunds, or creates it.
    func populateRefunds() {
        for refund in fixture.refunds {
            let intent = fixture.paymentIntents.first { $0.key == refund.paymentIntent }
            handle(.refunds, refund.key, requires: [refund.paymentIntent], expected: {
                [
                    "status": "succeeded", "payment_intent": idValue(refund.paymentIntent),
                    "amount": .int(refund.amount ?? intent?.amount ?? 0), "currency": .string(intent?.currency ?? ""),
                    "reason": refund.reason.map { .string($0) } ?? .null,
                ]
            }) { step in
                let intentID = ids[refund.paymentIntent]!
                let listed = try step.call("list refunds of \(intentID)") {
                    try api.list("/v1/refunds", [("payment_intent", .string(intentID))])
                }
                if let found = listed.first(where: { fixtureKey($0) == refund.key }) {
                    return (try step.id(of: found, action: "list"), .skipped)
                }
                var params: [(String, FormValue)] = [("payment_intent", .string(intentID))]
                if let amount = refund.amount { params.append(("amount", .string(String(amount)))) }
                if let reason = refund.reason { params.append(("reason", .string(reason))) }
                params.append(("metadata", metadata(refund.key, refund.metadata)))
                let created = try step.call("create") {
                    try api.create("/v1/refunds", params, idempotencyKey: PopulateIdempotency.key(
                        "refund", fixtureKey: refund.key, parameters: params))
                }
                return (try step.id(of: created, action: "create"), .created)
            }
        }
    }
}
