extension EmulatorState {
    mutating func createSetupIntent(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "payment_method", "confirm", "usage", "description", "metadata",
                          "payment_method_types", "automatic_payment_methods", "return_url", "mandate_data", "attach_to_self",
                          "flow_directions", "on_behalf_of", "payment_method_options", "single_use", "use_stripe_sdk"])
        var customer: JSONValue = nil
        if let customerID = params.string("customer") { customer = try fetchCustomer(customerID, param: "customer")["id"] ?? nil }
        var method: JSONValue = nil
        if let methodID = params.string("payment_method") {
            method = try materializePaymentMethod(methodID, param: "payment_method")["id"] ?? nil
        }
        let usage = params.string("usage") ?? "off_session"
        guard ["off_session", "on_session"].contains(usage) else {
            throw StripeError.invalid("usage", "Invalid usage: must be one of off_session or on_session")
        }
        let id = newID(.setupIntent)
        let intent: JSONValue = .object([
            "id": .string(id), "object": "setup_intent", "application": nil,
            "automatic_payment_methods": nil, "cancellation_reason": nil, "client_secret": .string("\(id)_secret_emulator"),
            "created": .int(now()), "customer": customer, "customer_account": nil,
            "description": params.string("description").map { .string($0) } ?? nil, "flow_directions": nil,
            "last_setup_error": nil, "latest_attempt": nil, "livemode": false, "mandate": nil,
            "metadata": try params.metadata(updating: nil), "next_action": nil, "on_behalf_of": nil,
            "payment_method": method, "payment_method_options": .object([:]),
            "payment_method_types": .array(params.values["payment_method_types"]?.arrayValue ?? ["card"]),
            "single_use_mandate": nil, "status": method.isNull ? "requires_payment_method" : "requires_confirmation",
            "usage": .string(usage),
        ])
        store(.setupIntent, intent)
        emit("setup_intent.created", intent)
        if try params.bool("confirm") == true { return try confirmSetupIntent(id, Params([:])) }
        return intent
    }

    /// Confirms: the payment method is saved (attached to the customer) and the intent succeeds.
    mutating func confirmSetupIntent(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["payment_method", "return_url", "mandate_data", "use_stripe_sdk"])
        var intent = try fetch(.setupIntent, id)
        if let methodID = params.string("payment_method") {
            intent["payment_method"] = try materializePaymentMethod(methodID, param: "payment_method")["id"] ?? nil
        }
        guard let methodID = intent["payment_method"]?.stringValue else { throw StripeError.missing("payment_method") }
        guard ["requires_confirmation", "requires_payment_method"].contains(intent["status"]?.stringValue ?? "") else {
            throw StripeError(status: 400, type: "invalid_request_error", code: "setup_intent_unexpected_state",
                              message: "This SetupIntent's status is \(intent["status"]?.stringValue ?? "") and cannot be confirmed.")
        }
        if let customerID = intent["customer"]?.stringValue, table(.paymentMethod)[methodID]?["customer"]?.stringValue != customerID {
            _ = try attachPaymentMethod(methodID, Params(["customer": .string(customerID)]))
        }
        intent["status"] = "succeeded"
        store(.setupIntent, intent)
        emit("setup_intent.succeeded", intent)
        return intent
    }

    mutating func cancelSetupIntent(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["cancellation_reason"])
        var intent = try fetch(.setupIntent, id)
        guard intent["status"]?.stringValue != "succeeded" else {
            throw StripeError(status: 400, type: "invalid_request_error", code: "setup_intent_unexpected_state",
                              message: "You cannot cancel this SetupIntent because it has a status of succeeded.")
        }
        intent["status"] = "canceled"
        intent["cancellation_reason"] = params.string("cancellation_reason").map { .string($0) } ?? nil
        store(.setupIntent, intent)
        emit("setup_intent.canceled", intent)
        return intent
    }

    func listSetupIntents(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "payment_method", "created", "limit", "starting_after", "ending_before", "attach_to_self"])
        let customer = params.string("customer"), method = params.string("payment_method")
        return try list(.setupIntent, params, url: "/v1/setup_intents") { intent in
            (customer == nil || intent["customer"]?.stringValue == customer)
                && (method == nil || intent["payment_method"]?.stringValue == method)
        }
    }
}
