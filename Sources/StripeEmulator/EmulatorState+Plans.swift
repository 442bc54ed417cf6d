extension EmulatorState {
    mutating func createPlan(_ params: Params) throws -> JSONValue {
        try params.allow(["id", "amount", "amount_decimal", "currency", "interval", "interval_count", "product", "nickname",
                          "active", "metadata", "usage_type", "billing_scheme", "trial_period_days", "tiers", "tiers_mode",
                          "transform_usage", "meter"])
        let currency = try params.requireString("currency")
        let interval = try params.requireString("interval")
        guard ["day", "week", "month", "year"].contains(interval) else {
            throw StripeError.invalid("interval", "Invalid interval: must be one of day, month, week, or year")
        }
        let productID: String
        if let name = params.object("product")?["name"]?.stringValue {
            productID = try createProduct(Params(["name": .string(name)]))["id"]?.stringValue ?? ""
        } else {
            productID = try fetch(.product, try params.requireString("product"), param: "product")["id"]?.stringValue ?? ""
        }
        let id = params.string("id") ?? newID(.plan)
        if table(.plan)[id] != nil {
            throw StripeError(status: 400, type: "invalid_request_error", code: "resource_already_exists",
                              message: "Plan already exists.", param: "id")
        }
        let amount = try params.int("amount")
        let plan: JSONValue = .object([
            "id": .string(id), "object": "plan", "active": .bool(try params.bool("active") ?? true),
            "amount": amount.map { .int($0) } ?? nil, "amount_decimal": amount.map { .string(String($0)) } ?? nil,
            "billing_scheme": .string(params.string("billing_scheme") ?? "per_unit"), "created": .int(now()),
            "currency": .string(currency), "interval": .string(interval),
            "interval_count": .int(try params.int("interval_count") ?? 1), "livemode": false,
            "metadata": try params.metadata(updating: nil), "meter": nil,
            "nickname": params.string("nickname").map { .string($0) } ?? nil, "product": .string(productID),
            "tiers_mode": nil, "transform_usage": nil,
            "trial_period_days": try params.int("trial_period_days").map { .int($0) } ?? nil,
            "usage_type": .string(params.string("usage_type") ?? "licensed"),
        ])
        store(.plan, plan)
        emit("plan.created", plan)
        return plan
    }

    mutating func updatePlan(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["active", "metadata", "nickname", "product", "trial_period_days"])
        let old = try fetch(.plan, id)
        var plan = old
        if let active = try params.bool("active") { plan["active"] = .bool(active) }
        if params.has("nickname") { plan["nickname"] = params.string("nickname").map { .string($0) } ?? .null }
        plan["metadata"] = try params.metadata(updating: old["metadata"])
        update(.plan, from: old, to: plan)
        return plan
    }

    mutating func deletePlan(_ id: String) throws -> JSONValue {
        let plan = try fetch(.plan, id)
        remove(.plan, id)
        emit("plan.deleted", plan)
        return .object(["id": .string(id), "object": "plan", "deleted": true])
    }

    func listPlans(_ params: Params) throws -> JSONValue {
        try params.allow(["active", "product", "created", "limit", "starting_after", "ending_before"])
        let active = try params.bool("active"), product = params.string("product")
        return try list(.plan, params, url: "/v1/plans") { plan in
            (active == nil || plan["active"]?.boolValue == active) && (product == nil || plan["product"]?.stringValue == product)
        }
    }

    mutating func createTaxRate(_ params: Params) throws -> JSONValue {
        try params.allow(["display_name", "percentage", "inclusive", "active", "country", "description", "jurisdiction",
                          "metadata", "state", "tax_type"])
        let name = try params.requireString("display_name")
        guard let percentage = params.values["percentage"].flatMap({ Double($0.stringValue ?? $0.serialized) }) else {
            throw StripeError.missing("percentage")
        }
        guard let inclusive = try params.bool("inclusive") else { throw StripeError.missing("inclusive") }
        let optional = { (key: String) -> JSONValue in params.string(key).map { .string($0) } ?? nil }
        let rate: JSONValue = .object([
            "id": .string(newID(.taxRate)), "object": "tax_rate", "active": .bool(try params.bool("active") ?? true),
            "country": optional("country"), "created": .int(now()), "description": optional("description"),
            "display_name": .string(name), "effective_percentage": .double(percentage), "flat_amount": nil,
            "inclusive": .bool(inclusive), "jurisdiction": optional("jurisdiction"), "jurisdiction_level": nil,
            "livemode": false, "metadata": try params.metadata(updating: nil), "percentage": .double(percentage),
            "rate_type": "percentage", "state": optional("state"), "tax_type": optional("tax_type"),
        ])
        store(.taxRate, rate)
        emit("tax_rate.created", rate)
        return rate
    }

    mutating func updateTaxRate(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["active", "country", "description", "display_name", "jurisdiction", "metadata", "state", "tax_type"])
        let old = try fetch(.taxRate, id)
        var rate = old
        if let active = try params.bool("active") { rate["active"] = .bool(active) }
        for key in ["country", "description", "display_name", "jurisdiction", "state", "tax_type"] where params.has(key) {
            rate[key] = params.string(key).map { .string($0) } ?? .null
        }
        rate["metadata"] = try params.metadata(updating: old["metadata"])
        update(.taxRate, from: old, to: rate)
        return rate
    }

    func listTaxRates(_ params: Params) throws -> JSONValue {
        try params.allow(["active", "inclusive", "created", "limit", "starting_after", "ending_before"])
        let active = try params.bool("active"), inclusive = try params.bool("inclusive")
        return try list(.taxRate, params, url: "/v1/tax_rates") { rate in
            (active == nil || rate["active"]?.boolValue == active) && (inclusive == nil || rate["inclusive"]?.boolValue == inclusive)
        }
    }
}
