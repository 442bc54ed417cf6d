import StripeHTTP

extension Populator {
    /// Where populate creates each billing kind and where it looks for an existing one: the list
    /// and the parameter (a referenced fixture object) that narrows it.
    static let billingEndpoints: [PopulateResource: (path: String, narrowedBy: String?)] = [
        .coupons: ("/v1/coupons", nil), .promotionCodes: ("/v1/promotion_codes", "coupon"),
        .plans: ("/v1/plans", "product"), .taxRates: ("/v1/tax_rates", nil),
        .invoiceItems: ("/v1/invoiceitems", "customer"), .setupIntents: ("/v1/setup_intents", "customer"),
    ]

    /// Finds or creates the fixture's billing objects, kind by kind.
    func populateBilling() {
        for kind in PopulateResource.billing {
            for object in (fixture.billing ?? []) where object.populateResource == kind {
                let refs = (object.refs ?? [:]).sorted { $0.key < $1.key }
                handle(kind, object.key, requires: refs.map(\.value), expected: {
                    var state: [String: ManifestValue] = [:]
                    for (parameter, target) in refs { state[parameter] = idValue(target) }
                    return state
                }) { step in
                    let references = refs.map { ($0.key, FormValue.string(ids[$0.value]!)) }
                    if kind == .discounts { return try applyDiscount(object, references: references, step) }
                    return try findOrCreate(kind, object, references: references, step)
                }
            }
        }
    }

    /// The billing object carrying the fixture key in its list, or a new one.
    private func findOrCreate(_ kind: PopulateResource, _ object: FixtureBillingObject,
                              references: [(String, FormValue)], _ step: PopulateStep) throws -> (String?, PopulateOutcome) {
        let endpoint = Self.billingEndpoints[kind]!
        let narrowing = references.filter { $0.0 == endpoint.narrowedBy }
        let listed = try step.call("list \(endpoint.path)") { try api.list(endpoint.path, narrowing) }
        if let found = listed.first(where: { fixtureKey($0) == object.key }) {
            return (try step.id(of: found, action: "list"), .skipped)
        }
        var params = references
        params += (object.params ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, FormValue.string($0.value)) }
        params.append(("metadata", metadata(object.key, object.metadata)))
        let created = try step.call("create") {
            try api.create(endpoint.path, params, idempotencyKey: PopulateIdempotency.key(
                kind.rawValue, fixtureKey: object.key, parameters: params))
        }
        return (try step.id(of: created, action: "create"), .created)
    }

    /// Applies the fixture coupon to the fixture customer, unless the customer's discount already
    /// comes from it; the discount's id is recorded.
    private func applyDiscount(_ object: FixtureBillingObject, references: [(String, FormValue)],
                               _ step: PopulateStep) throws -> (String?, PopulateOutcome) {
        let customerID = ids[object.refs!["customer"]!]!
        let couponID = ids[object.refs!["coupon"]!]!
        let customer = try step.call("retrieve customer \(customerID)") { try api.get("/v1/customers/\(customerID)") }
        let current = customer["discount"]
        if let id = current?["id"]?.stringValue, (current?["coupon"]?["id"] ?? current?["source"]?["coupon"])?.stringValue == couponID {
            return (id, .skipped)
        }
        let params = references.filter { $0.0 != "customer" }
        let updated = try step.call("apply coupon to \(customerID)") {
            try api.post("/v1/customers/\(customerID)", params, idempotencyKey: PopulateIdempotency.key(
                "discount", fixtureKey: object.key, parameters: params))
        }
        guard let id = updated["discount"]?["id"]?.stringValue else {
            throw PopulateError.unexpectedResponse(resource: step.resource.rawValue, key: object.key,
                                                   reason: "customer \(customerID) has no discount after applying \(couponID)")
        }
        return (id, .created)
    }
}
