import StripeHTTP
import StripeJSON

extension Populator {
    /// Finds each fixture product by its fixture key among the account's products, or creates it.
    func populateProducts() {
        guard !fixture.products.isEmpty else { return }
        var existing: [String: JSONValue] = [:]
        var listError: Error?
        do {
            let step = PopulateStep(resource: .products, key: "*")
            for product in try step.call("list products", { try api.list("/v1/products") }).reversed() {
                if let key = fixtureKey(product) { existing[key] = product }  // newest wins
            }
        } catch {
            listError = error
        }
        for product in fixture.products {
            handle(.products, product.key, requires: [], expected: {
                ["name": .string(product.name), "active": true]
            }) { step in
                if let listError { throw listError }
                if let found = stripeID(existing[product.key]) { return (found, .skipped) }
                var params: [(String, FormValue)] = [("name", .string(product.name))]
                if let description = product.description { params.append(("description", .string(description))) }
                params.append(("metadata", metadata(product.key, product.metadata)))
                let created = try step.call("create") {
                    try api.create("/v1/products", params, idempotencyKey: PopulateIdempotency.key(
                        "product", fixtureKey: product.key, parameters: params))
                }
                return (try step.id(of: created, action: "create"), .created)
            }
        }
    }

    /// Finds each fixture price among its product's prices — by fixture key, or an active
    /// price without one that has the same currency, amount and interval — or creates it.
    func populatePrices() {
        for price in fixture.prices {
            handle(.prices, price.key, requires: [price.product], expected: {
                var state: [String: ManifestValue] = [
                    "product": idValue(price.product), "currency": .string(price.currency),
                    "unit_amount": .int(price.unitAmount), "type": .string(price.recurring == nil ? "one_time" : "recurring"),
                    "active": true,
                ]
                if let recurring = price.recurring {
                    state["interval"] = .string(recurring.interval)
                    state["interval_count"] = .int(recurring.count)
                }
                return state
            }) { step in
                let productID = ids[price.product]!
                let listed = try step.call("list prices of \(productID)") {
                    try api.list("/v1/prices", [("product", .string(productID))])
                }
                if let found = listed.first(where: { fixtureKey($0) == price.key })
                    ?? listed.first(where: { fixtureKey($0) == nil && matches($0, price) }) {
                    return (try step.id(of: found, action: "list prices"), .skipped)
                }
                var params: [(String, FormValue)] = [
                    ("product", .string(productID)), ("currency", .string(price.currency)),
                    ("unit_amount", .string(String(price.unitAmount))),
                ]
                if let nickname = price.nickname { params.append(("nickname", .string(nickname))) }
                if let recurring = price.recurring {
                    params.append(("recurring", .object([
                        ("interval", .string(recurring.interval)), ("interval_count", .string(String(recurring.count))),
                    ])))
                }
                params.append(("metadata", metadata(price.key, price.metadata)))
                let created = try step.call("create") {
                    try api.create("/v1/prices", params, idempotencyKey: PopulateIdempotency.key(
                        "price", fixtureKey: price.key, parameters: params))
                }
                return (try step.id(of: created, action: "create"), .created)
            }
        }
    }

    /// Whether the Stripe price `object` is active and has the fixture price's currency, amount
    /// and billing interval.
    func matches(_ object: JSONValue, _ price: FixturePrice) -> Bool {
        guard object["active"]?.boolValue == true, object["currency"]?.stringValue == price.currency,
              object["unit_amount"]?.int64Value == Int64(price.unitAmount) else { return false }
        guard let recurring = price.recurring else { return object["type"]?.stringValue == "one_time" }
        return object["type"]?.stringValue == "recurring"
            && object["recurring"]?["interval"]?.stringValue == recurring.interval
            && object["recurring"]?["interval_count"]?.int64Value == Int64(recurring.count)
    }
}
