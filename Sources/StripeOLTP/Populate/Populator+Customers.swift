import StripeHTTP

extension Populator {
    /// Finds each fixture customer by e-mail (or, for the customer deleted at the end, by the
    /// previous manifest and its payments), or creates it; then its payment methods.
    func populateCustomers() {
        for customer in fixture.customers {
            handle(.customers, customer.key, requires: [], expected: {
                var state: [String: ManifestValue] = [
                    "email": .string(customer.email), "name": .string(customer.name), "deleted": .bool(customer.endsDeleted),
                ]
                if let country = customer.address?.country { state["address_country"] = .string(country) }
                return state
            }) { step in
                let listed = try step.call("look up by e-mail") {
                    try api.list("/v1/customers", [("email", .string(customer.email))])
                }
                if let found = listed.first(where: { fixtureKey($0) == customer.key }) {
                    customerObjects[customer.key] = found
                    return (try step.id(of: found, action: "look up by e-mail"), .skipped)
                }
                if customer.endsDeleted, let id = try findDeletedCustomer(customer, step) {
                    deletedCustomers.insert(customer.key)
                    return (id, .skipped)
                }
                var params: [(String, FormValue)] = [("name", .string(customer.name)), ("email", .string(customer.email))]
                if let phone = customer.phone { params.append(("phone", .string(phone))) }
                if let address = customer.address {
                    params.append(("address", .object(address.formValue.map { ($0.0, FormValue.string($0.1)) })))
                }
                params.append(("metadata", metadata(customer.key, customer.metadata)))
                let created = try step.call("create") {
                    try api.create("/v1/customers", params, idempotencyKey: PopulateIdempotency.key(
                        "customer", fixtureKey: customer.key, parameters: params))
                }
                if created["deleted"]?.boolValue == true {
                    throw PopulateError.unexpectedResponse(
                        resource: step.resource.rawValue, key: customer.key,
                        reason: "create replayed a customer that has since been deleted")
                }
                customerObjects[customer.key] = created
                return (try step.id(of: created, action: "create"), .created)
            }
            for method in fixture.paymentMethods where method.customer == customer.key {
                populatePaymentMethod(method)
            }
        }
    }

    /// The id of the fixture customer `customer` when Stripe holds it as deleted: the id the
    /// previous manifest recorded, or the customer of one of its fixture payments.
    func findDeletedCustomer(_ customer: FixtureCustomer, _ step: PopulateStep) throws -> String? {
        if let id = previous?.objects[customer.key]?.id, try isDeletedCustomer(id, customer, step) { return id }
        let paymentKeys = Set(fixture.paymentIntents.filter { $0.customer == customer.key }.map(\.key))
        guard !paymentKeys.isEmpty else { return nil }
        let intents = try step.call("look for its payments") { try api.list("/v1/payment_intents", maxPages: 20) }
        let candidates = intents.filter { fixtureKey($0).map(paymentKeys.contains) ?? false }.compactMap { $0["customer"]?.stringValue }
        for id in Set(candidates).sorted() where try isDeletedCustomer(id, customer, step) { return id }
        return nil
    }

    /// Whether Stripe holds customer `id` as deleted (false when it does not know it at all).
    func isDeletedCustomer(_ id: String, _ customer: FixtureCustomer, _ step: PopulateStep) throws -> Bool {
        do {
            return try api.get("/v1/customers/\(id)")["deleted"]?.boolValue == true
        } catch HTTPError.api(let error) where error.status == 404 {
            return false
        } catch {
            throw PopulateError.request(resource: step.resource.rawValue, key: customer.key,
                                        action: "retrieve \(id)", reason: "\(error)")
        }
    }

    /// Finds the fixture card among its customer's payment methods, or creates it from the
    /// test token and attaches it; makes it the customer's invoice default when the fixture says so.
    func populatePaymentMethod(_ method: FixturePaymentMethod) {
        handle(.paymentMethods, method.key, requires: [method.customer], expected: {
            [
                // Deleting a customer detaches its cards.
                "customer": fixtureCustomer(method.customer)?.endsDeleted == true ? .null : idValue(method.customer),
                "type": "card", "test_payment_method": .string(method.testPaymentMethod),
                "default": .bool(method.isDefault ?? false),
            ]
        }) { step in
            let customerID = ids[method.customer]!
            if deletedCustomers.contains(method.customer) {
                // Stripe detaches the cards of a deleted customer; its payments still name them.
                return (try paymentMethodOfDeletedCustomer(method, customerID: customerID, step), .skipped)
            }
            let listed = try step.call("list payment methods of \(customerID)") {
                try api.list("/v1/customers/\(customerID)/payment_methods", [("type", "card")])
            }
            var outcome = PopulateOutcome.skipped
            var id = try listed.first(where: { fixtureKey($0) == method.key }).map { try step.id(of: $0, action: "list") }
            if id == nil {
                let params: [(String, FormValue)] = [
                    ("type", "card"), ("card", .object([("token", .string("tok_" + method.cardName!))])),
                    ("metadata", metadata(method.key, nil)),
                ]
                let created = try step.call("create") {
                    try api.create("/v1/payment_methods", params, idempotencyKey: PopulateIdempotency.key(
                        "payment-method", fixtureKey: method.key, parameters: params))
                }
                let newID = try step.id(of: created, action: "create")
                let attach: [(String, FormValue)] = [("customer", .string(customerID))]
                _ = try step.call("attach to \(customerID)") {
                    try api.post("/v1/payment_methods/\(newID)/attach", attach, idempotencyKey: PopulateIdempotency.key(
                        "payment-method-attach", fixtureKey: method.key, parameters: attach + [("payment_method", .string(newID))]))
                }
                id = newID
                outcome = .created
            }
            ids[method.key] = id
            if method.isDefault == true, let id,
               customerObjects[method.customer]?["invoice_settings"]?["default_payment_method"]?.stringValue != id {
                let params: [(String, FormValue)] = [("invoice_settings", .object([("default_payment_method", .string(id))]))]
                let updated = try step.call("make it \(customerID)'s default") {
                    try api.post("/v1/customers/\(customerID)", params, idempotencyKey: PopulateIdempotency.key(
                        "customer-default-payment-method", fixtureKey: method.key, parameters: params + [("customer", .string(customerID))]))
                }
                customerObjects[method.customer] = updated
            }
            return (id, outcome)
        }
    }

    /// The card a deleted fixture customer paid with, read from its fixture payments (or the
    /// previous manifest).
    func paymentMethodOfDeletedCustomer(_ method: FixturePaymentMethod, customerID: String, _ step: PopulateStep) throws -> String? {
        if let id = previous?.objects[method.key]?.id { return id }
        let keys = Set(fixture.paymentIntents.filter { $0.paymentMethod == method.key }.map(\.key))
        guard !keys.isEmpty else { return nil }
        let intents = try step.call("list payments of \(customerID)") {
            try api.list("/v1/payment_intents", [("customer", .string(customerID))])
        }
        return intents.first { fixtureKey($0).map(keys.contains) ?? false }?["payment_method"]?.stringValue
    }

    /// The fixture customer with `key`.
    func fixtureCustomer(_ key: String) -> FixtureCustomer? {
        fixture.customers.first { $0.key == key }
    }

    /// Deletes the fixture customers meant to end deleted, once their payments and refunds
    /// exist; a customer whose payments failed is left in place and marked failed.
    func deleteCustomers() {
        for customer in fixture.customers where customer.endsDeleted && !deletedCustomers.contains(customer.key) {
            guard let id = ids[customer.key] else { continue }
            let intents = fixture.paymentIntents.filter { $0.customer == customer.key }.map(\.key)
            let intentSet = Set(intents)
            let refunds = fixture.refunds.filter { intentSet.contains($0.paymentIntent) }.map(\.key)
            let dependents = fixture.paymentMethods.filter { $0.customer == customer.key }.map(\.key) + intents + refunds
            if let failed = dependents.first(where: { report.entries[$0]?.outcome == .failed }) {
                markFailed(customer.key, PopulateError.dependency(resource: "customers", key: customer.key, missing: failed).description
                    + "; the customer was not deleted")
                continue
            }
            do {
                let answer = try api.delete("/v1/customers/\(id)")
                guard answer["deleted"]?.boolValue == true else {
                    throw PopulateError.unexpectedResponse(resource: "customers", key: customer.key, reason: "delete did not answer deleted: true")
                }
                deletedCustomers.insert(customer.key)
                customerObjects[customer.key] = nil
            } catch {
                let reason = (error as? PopulateError)?.description
                    ?? PopulateError.request(resource: "customers", key: customer.key, action: "delete \(id)", reason: "\(error)").description
                markFailed(customer.key, reason)
            }
        }
    }
}
