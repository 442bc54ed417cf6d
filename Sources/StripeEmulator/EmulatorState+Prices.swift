extension EmulatorState {
    static let priceFields: Set<String> = [
        "currency", "product", "product_data", "unit_amount", "unit_amount_decimal", "recurring", "active",
        "nickname", "lookup_key", "metadata", "tax_behavior", "billing_scheme", "custom_unit_amount",
        "transfer_lookup_key",
    ]

    mutating func createPrice(_ params: Params) throws -> JSONValue {
        try params.allow(Self.priceFields)
        let currency = try params.requireString("currency").lowercased()
        var productID = params.string("product")
        if productID == nil, let productData = params.object("product_data") {
            let product = try createProduct(Params(productData))
            productID = product["id"]?.stringValue
        }
        guard let productID else { throw StripeError.missing("product") }
        _ = try fetch(.product, productID, param: "product")
        let unitAmount = try params.int("unit_amount") ?? params.string("unit_amount_decimal").flatMap { Int($0) }
        if unitAmount == nil && !params.has("custom_unit_amount") && params.string("billing_scheme") != "tiered" {
            throw StripeError.missing("unit_amount")
        }
        var recurring: JSONValue = nil
        if let raw = params.object("recurring") {
            guard let interval = raw["interval"]?.stringValue, !interval.isEmpty else {
                throw StripeError.missing("recurring[interval]")
            }
            guard ["day", "week", "month", "year"].contains(interval) else {
                throw StripeError.invalid("recurring[interval]", "Invalid recurring[interval]: must be one of day, week, month, or year")
            }
            recurring = .object([
                "interval": .string(interval),
                "interval_count": .int(raw["interval_count"]?.intValue ?? 1),
                "meter": nil, "trial_period_days": raw["trial_period_days"]?.intValue.map { .int($0) } ?? nil,
                "usage_type": .string(raw["usage_type"]?.stringValue ?? "licensed"),
            ])
        }
        let price: JSONValue = .object([
            "id": .string(newID(.price)), "object": "price", "active": .bool(try params.bool("active") ?? true),
            "billing_scheme": .string(params.string("billing_scheme") ?? "per_unit"), "created": .int(now()),
            "currency": .string(currency), "custom_unit_amount": nil, "livemode": false,
            "lookup_key": params.string("lookup_key").map { .string($0) } ?? nil,
            "metadata": try params.metadata(updating: nil),
            "nickname": params.string("nickname").map { .string($0) } ?? nil,
            "product": .string(productID), "recurring": recurring,
            "tax_behavior": .string(params.string("tax_behavior") ?? "unspecified"), "tiers_mode": nil,
            "transform_quantity": nil, "type": recurring.isNull ? "one_time" : "recurring",
            "unit_amount": unitAmount.map { .int($0) } ?? nil,
            "unit_amount_decimal": unitAmount.map { .string(String($0)) } ?? nil,
        ])
        store(.price, price)
        emit("price.created", price)
        return price
    }

    mutating func updatePrice(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["active", "nickname", "lookup_key", "metadata", "tax_behavior", "transfer_lookup_key"])
        let old = try fetch(.price, id)
        var price = old
        if let active = try params.bool("active") { price["active"] = .bool(active) }
        for key in ["nickname", "lookup_key"] where params.has(key) {
            price[key] = params.string(key).map { .string($0) } ?? .null
        }
        if let behavior = params.string("tax_behavior") { price["tax_behavior"] = .string(behavior) }
        price["metadata"] = try params.metadata(updating: old["metadata"])
        update(.price, from: old, to: price)
        return price
    }

    func listPrices(_ params: Params) throws -> JSONValue {
        try params.allow(["active", "created", "currency", "limit", "lookup_keys", "product", "recurring",
                          "starting_after", "ending_before", "type"])
        let active = try params.bool("active")
        let product = params.string("product"), type = params.string("type"), currency = params.string("currency")
        let lookupKeys = params.values["lookup_keys"]?.arrayValue?.compactMap(\.stringValue)
        return try list(.price, params, url: "/v1/prices") { price in
            (active == nil || price["active"]?.boolValue == active)
                && (product == nil || price["product"]?.stringValue == product)
                && (type == nil || price["type"]?.stringValue == type)
                && (currency == nil || price["currency"]?.stringValue == currency)
                && (lookupKeys == nil || lookupKeys!.contains(price["lookup_key"]?.stringValue ?? "\u{0}"))
        }
    }
}
