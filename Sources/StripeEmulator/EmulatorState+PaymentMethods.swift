extension EmulatorState {
    /// Builds and stores a card payment method for `card`.
    mutating func makeCardPaymentMethod(_ card: TestCard, params: Params?, customer: String?) throws -> JSONValue {
        let billing = params?.object("billing_details") ?? [:]
        let method: JSONValue = .object([
            "id": .string(newID(.paymentMethod)), "object": "payment_method", "allow_redisplay": "unspecified",
            "billing_details": .object([
                "address": Self.address(billing["address"]) .isNull
                    ? Self.address(.object([:])) : Self.address(billing["address"]),
                "email": billing["email"] ?? nil, "name": billing["name"] ?? nil, "phone": billing["phone"] ?? nil,
                "tax_id": nil,
            ]),
            "card": .object([
                "brand": .string(card.brand),
                "checks": .object(["address_line1_check": nil, "address_postal_code_check": nil, "cvc_check": "pass"]),
                "country": "US", "display_brand": .string(card.brand),
                "exp_month": .int(params?.object("card")?["exp_month"]?.intValue ?? 12),
                "exp_year": .int(params?.object("card")?["exp_year"]?.intValue ?? 2034),
                "fingerprint": .string("emu\(card.brand)\(card.last4)"), "funding": .string(card.funding),
                "generated_from": nil, "last4": .string(card.last4),
                "networks": .object(["available": .array([.string(card.brand)]), "preferred": nil]),
                "regulated_status": "unregulated",
                "three_d_secure_usage": .object(["supported": true]), "wallet": nil,
            ]),
            "created": .int(now()), "customer": customer.map { .string($0) } ?? nil, "customer_account": nil,
            "livemode": false, "metadata": try params?.metadata(updating: nil) ?? .object([:]), "type": "card",
        ])
        store(.paymentMethod, method)
        return method
    }

    mutating func createPaymentMethod(_ params: Params) throws -> JSONValue {
        try params.allow(["type", "card", "billing_details", "metadata", "customer", "payment_method", "allow_redisplay"])
        let type = try params.requireString("type")
        guard type == "card" else {
            throw StripeError.invalid("type", "Invalid type: only `card` payment methods are supported here.")
        }
        guard let card = params.object("card") else { throw StripeError.missing("card") }
        let testCard: TestCard
        if let token = card["token"]?.stringValue {
            guard token.hasPrefix("tok_"), let named = TestCard.byName[String(token.dropFirst(4))] else {
                throw StripeError.noSuch("token", token, param: "card[token]")
            }
            testCard = named
        } else if let number = card["number"]?.stringValue {
            testCard = TestCard.forNumber(number)
        } else {
            throw StripeError.missing("card[number]")
        }
        return try makeCardPaymentMethod(testCard, params: params, customer: nil)
    }

    /// The stored payment method for `id`; a test id (`pm_card_visa`, `tok_visa`) yields a new one.
    mutating func materializePaymentMethod(_ id: String, param: String) throws -> JSONValue {
        for prefix in ["pm_card_", "tok_"] where id.hasPrefix(prefix) {
            if let card = TestCard.byName[String(id.dropFirst(prefix.count))] {
                return try makeCardPaymentMethod(card, params: nil, customer: nil)
            }
        }
        return try fetch(.paymentMethod, id, param: param)
    }

    /// Resolves a payment method reference for `customer`, attaching it when it is new; returns its id.
    mutating func resolvePaymentMethod(_ id: String, customer: String, param: String) throws -> String {
        let method = try materializePaymentMethod(id, param: param)
        let methodID = method["id"]!.stringValue!
        if method["customer"]?.stringValue != customer {
            if let owner = method["customer"]?.stringValue, !owner.isEmpty {
                throw StripeError.invalid(param, "The payment method `\(methodID)` belongs to another customer.")
            }
            _ = try attachPaymentMethod(methodID, Params(["customer": .string(customer)]))
        }
        return methodID
    }

    mutating func attachPaymentMethod(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["customer"])
        let customerID = try params.requireString("customer")
        _ = try fetchCustomer(customerID, param: "customer")
        let old = try materializePaymentMethod(id, param: "payment_method")
        if let owner = old["customer"]?.stringValue, owner != customerID {
            throw StripeError(status: 400, type: "invalid_request_error",
                              message: "The payment method you provided has already been attached to a customer.")
        }
        var method = old
        method["customer"] = .string(customerID)
        store(.paymentMethod, method)
        if old["customer"]?.stringValue != customerID { emit("payment_method.attached", method) }
        return method
    }

    mutating func detachPaymentMethod(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow([])
        let old = try fetch(.paymentMethod, id)
        guard let owner = old["customer"]?.stringValue else {
            throw StripeError(status: 400, type: "invalid_request_error",
                              message: "The payment method \(id) is not attached to a customer.")
        }
        var method = old
        method["customer"] = .null
        store(.paymentMethod, method)
        if var customer = table(.customer)[owner],
           customer["invoice_settings"]?["default_payment_method"]?.stringValue == id {
            let before = customer
            customer["invoice_settings"]?["default_payment_method"] = .null
            update(.customer, from: before, to: customer)
        }
        emit("payment_method.detached", method, previous: ["customer": .string(owner)])
        return method
    }

    mutating func updatePaymentMethod(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["billing_details", "metadata", "card", "allow_redisplay"])
        let old = try fetch(.paymentMethod, id)
        var method = old
        if let billing = params.object("billing_details") {
            var details = old["billing_details"]?.objectValue ?? [:]
            for key in ["email", "name", "phone"] where billing[key] != nil {
                details[key] = billing[key]!.stringValue.flatMap { $0.isEmpty ? nil : JSONValue.string($0) } ?? .null
            }
            if billing["address"] != nil { details["address"] = Self.address(billing["address"]) }
            method["billing_details"] = .object(details)
        }
        if let card = params.object("card") {
            for key in ["exp_month", "exp_year"] { if let value = card[key]?.intValue { method["card"]?[key] = .int(value) } }
        }
        method["metadata"] = try params.metadata(updating: old["metadata"])
        update(.paymentMethod, from: old, to: method)
        return method
    }

    func listPaymentMethods(_ params: Params, customer: String?) throws -> JSONValue {
        try params.allow(["customer", "type", "limit", "starting_after", "ending_before", "allow_redisplay"])
        let owner = customer ?? params.string("customer")
        if let owner { _ = try fetchCustomer(owner, param: "customer") }
        let type = params.string("type")
        let url = customer.map { "/v1/customers/\($0)/payment_methods" } ?? "/v1/payment_methods"
        return try list(.paymentMethod, params, url: url) { method in
            (owner == nil || method["customer"]?.stringValue == owner)
                && (type == nil || method["type"]?.stringValue == type)
        }
    }
}
