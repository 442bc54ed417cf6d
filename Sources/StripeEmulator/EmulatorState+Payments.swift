extension EmulatorState {
    static let paymentIntentFields: Set<String> = [
        "amount", "currency", "customer", "payment_method", "confirm", "description", "metadata", "receipt_email",
        "payment_method_types", "capture_method", "automatic_payment_methods", "off_session", "return_url",
        "setup_future_usage", "statement_descriptor", "statement_descriptor_suffix", "shipping", "confirmation_method",
        "transfer_group", "error_on_requires_action", "mandate_data", "payment_method_options",
    ]

    /// Charges `method` for `amount`; stores the charge and returns it with the decline code if it failed.
    mutating func makeCharge(amount: Int, currency: String, customer: String?, method: JSONValue,
                             paymentIntent: String?, description: String?) -> (JSONValue, String?) {
        let declineCode = TestCard.declineCode(last4: method["card"]?["last4"]?.stringValue)
        let succeeded = declineCode == nil
        let id = newID(.charge)
        let card = method["card"] ?? nil
        let charge: JSONValue = .object([
            "id": .string(id), "object": "charge", "amount": .int(amount),
            "amount_captured": .int(succeeded ? amount : 0), "amount_refunded": 0, "application": nil,
            "application_fee": nil, "application_fee_amount": nil,
            "balance_transaction": succeeded ? .string("txn_\(id.dropFirst(3))") : nil,
            "billing_details": method["billing_details"] ?? nil, "calculated_statement_descriptor": "EMULATOR",
            "captured": .bool(succeeded), "created": .int(now()), "currency": .string(currency),
            "customer": customer.map { .string($0) } ?? nil,
            "description": description.map { .string($0) } ?? nil, "disputed": false,
            "failure_balance_transaction": nil,
            "failure_code": succeeded ? nil : "card_declined",
            "failure_message": succeeded ? nil : "Your card was declined.", "fraud_details": .object([:]),
            "livemode": false, "metadata": .object([:]), "on_behalf_of": nil,
            "outcome": .object([
                "advice_code": nil, "network_advice_code": nil, "network_decline_code": nil,
                "network_status": succeeded ? "approved_by_network" : "declined_by_network",
                "reason": declineCode.map { .string($0) } ?? nil, "risk_level": "normal",
                "seller_message": succeeded ? "Payment complete." : "The bank did not return any further details with this decline.",
                "type": succeeded ? "authorized" : "issuer_declined",
            ]),
            "paid": .bool(succeeded), "payment_intent": paymentIntent.map { .string($0) } ?? nil,
            "payment_method": method["id"] ?? nil,
            "payment_method_details": .object([
                "card": .object([
                    "amount_authorized": succeeded ? .int(amount) : nil, "authorization_code": nil,
                    "brand": card["brand"] ?? nil, "checks": card["checks"] ?? nil, "country": "US",
                    "exp_month": card["exp_month"] ?? nil, "exp_year": card["exp_year"] ?? nil,
                    "fingerprint": card["fingerprint"] ?? nil, "funding": card["funding"] ?? nil,
                    "last4": card["last4"] ?? nil, "network": card["brand"] ?? nil,
                ]),
                "type": "card",
            ]),
            "receipt_email": nil, "receipt_number": nil, "receipt_url": nil, "refunded": false,
            "refunds": .object(["object": "list", "data": .array([]), "has_more": false, "total_count": 0,
                                "url": .string("/v1/charges/\(id)/refunds")]),
            "review": nil, "shipping": nil, "source": nil, "source_transfer": nil, "statement_descriptor": nil,
            "statement_descriptor_suffix": nil, "status": succeeded ? "succeeded" : "failed",
            "transfer_data": nil, "transfer_group": nil,
        ])
        if succeeded {
            recordBalance(id: "txn_\(id.dropFirst(3))", amount: amount, fee: Self.cardFee(amount), currency: currency,
                          type: "charge", category: "charge", source: id, description: description)
        }
        store(.charge, charge)
        emit(succeeded ? "charge.succeeded" : "charge.failed", charge)
        if succeeded, TestCard.isDisputed(last4: card["last4"]?.stringValue) {
            return (dispute(charge), nil)
        }
        return (charge, declineCode)
    }

    /// A new payment intent object (not stored).
    mutating func newPaymentIntent(amount: Int, currency: String, customer: String?, method: String?,
                                   description: String?, metadata: JSONValue, captureMethod: String = "automatic") -> JSONValue {
        let id = newID(.paymentIntent)
        return .object([
            "id": .string(id), "object": "payment_intent", "amount": .int(amount), "amount_capturable": 0,
            "amount_details": .object(["tip": .object([:])]), "amount_received": 0, "application": nil,
            "application_fee_amount": nil, "automatic_payment_methods": nil, "canceled_at": nil,
            "cancellation_reason": nil, "capture_method": .string(captureMethod),
            "client_secret": .string("\(id)_secret_emulator"), "confirmation_method": "automatic",
            "created": .int(now()), "currency": .string(currency), "customer": customer.map { .string($0) } ?? nil,
            "customer_account": nil, "description": description.map { .string($0) } ?? nil,
            "excluded_payment_method_types": nil, "last_payment_error": nil, "latest_charge": nil, "livemode": false,
            "managed_payments": nil, "metadata": metadata, "next_action": nil, "on_behalf_of": nil,
            "payment_method": method.map { .string($0) } ?? nil, "payment_method_configuration_details": nil,
            "payment_method_options": .object([:]), "payment_method_types": .array(["card"]), "processing": nil,
            "receipt_email": nil, "review": nil, "setup_future_usage": nil, "shipping": nil, "source": nil,
            "statement_descriptor": nil, "statement_descriptor_suffix": nil,
            "status": method == nil ? "requires_payment_method" : "requires_confirmation",
            "transfer_data": nil, "transfer_group": nil,
        ])
    }

    /// Confirms a stored payment intent: charges its payment method. Returns the intent and, on a
    /// decline, the 402 error to answer with.
    mutating func confirm(_ intent: JSONValue) throws -> (JSONValue, StripeError?) {
        var intent = intent
        guard let methodID = intent["payment_method"]?.stringValue else {
            throw StripeError(status: 400, type: "invalid_request_error", code: "payment_intent_unexpected_state",
                              message: "You cannot confirm this PaymentIntent because it's missing a payment method.")
        }
        let method = try fetch(.paymentMethod, methodID, param: "payment_method")
        let amount = intent["amount"]?.intValue ?? 0
        let (charge, declineCode) = makeCharge(
            amount: amount, currency: intent["currency"]?.stringValue ?? "usd",
            customer: intent["customer"]?.stringValue, method: method, paymentIntent: intent["id"]?.stringValue,
            description: intent["description"]?.stringValue)
        intent["latest_charge"] = charge["id"]
        if let declineCode {
            let lastError: JSONValue = .object([
                "type": "card_error", "code": "card_declined", "decline_code": .string(declineCode),
                "message": "Your card was declined.", "charge": charge["id"] ?? nil, "payment_method": method,
            ])
            intent["status"] = "requires_payment_method"
            intent["last_payment_error"] = lastError
            intent["payment_method"] = .null
            store(.paymentIntent, intent)
            emit("payment_intent.payment_failed", intent)
            let error = StripeError(status: 402, type: "card_error", code: "card_declined",
                                    message: "Your card was declined.", extra: [
                                        "decline_code": .string(declineCode), "charge": charge["id"] ?? nil,
                                        "payment_intent": intent, "payment_method": method,
                                    ])
            return (intent, error)
        }
        if intent["capture_method"]?.stringValue == "manual" {
            intent["status"] = "requires_capture"
            intent["amount_capturable"] = .int(amount)
        } else {
            intent["status"] = "succeeded"
            intent["amount_received"] = .int(amount)
        }
        intent["last_payment_error"] = .null
        store(.paymentIntent, intent)
        emit(intent["status"]?.stringValue == "succeeded" ? "payment_intent.succeeded" : "payment_intent.amount_capturable_updated", intent)
        return (intent, nil)
    }

    mutating func createPaymentIntent(_ params: Params) throws -> JSONValue {
        try params.allow(Self.paymentIntentFields)
        guard let amount = try params.int("amount") else { throw StripeError.missing("amount") }
        guard amount >= 0 else { throw StripeError.invalid("amount", "Amount must be at least 0.") }
        let currency = try params.requireString("currency").lowercased()
        let customer = params.string("customer")
        if let customer { _ = try fetchCustomer(customer, param: "customer") }
        var methodID: String?
        if let method = params.string("payment_method") {
            methodID = customer != nil
                ? try resolvePaymentMethod(method, customer: customer!, param: "payment_method")
                : try materializePaymentMethod(method, param: "payment_method")["id"]?.stringValue
        }
        let intent = newPaymentIntent(amount: amount, currency: currency, customer: customer, method: methodID,
                                      description: params.string("description"),
                                      metadata: try params.metadata(updating: nil),
                                      captureMethod: params.string("capture_method") == "manual" ? "manual" : "automatic")
        store(.paymentIntent, intent)
        emit("payment_intent.created", intent)
        if try params.bool("confirm") == true {
            let (confirmed, error) = try confirm(intent)
            if let error { throw error }
            return confirmed
        }
        return intent
    }

    mutating func confirmPaymentIntent(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["payment_method", "return_url", "off_session", "receipt_email", "setup_future_usage",
                          "payment_method_types", "capture_method", "error_on_requires_action", "mandate_data",
                          "payment_method_options"])
        var intent = try fetch(.paymentIntent, id)
        guard ["requires_payment_method", "requires_confirmation"].contains(intent["status"]?.stringValue ?? "") else {
            throw StripeError(status: 400, type: "invalid_request_error", code: "payment_intent_unexpected_state",
                              message: "This PaymentIntent's status is \(intent["status"]?.stringValue ?? "") and cannot be confirmed.")
        }
        if let method = params.string("payment_method") {
            let customer = intent["customer"]?.stringValue
            intent["payment_method"] = .string(customer != nil
                ? try resolvePaymentMethod(method, customer: customer!, param: "payment_method")
                : try materializePaymentMethod(method, param: "payment_method")["id"]!.stringValue!)
        }
        let (confirmed, error) = try confirm(intent)
        if let error { throw error }
        return confirmed
    }

    mutating func capturePaymentIntent(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["amount_to_capture"])
        var intent = try fetch(.paymentIntent, id)
        guard intent["status"]?.stringValue == "requires_capture" else {
            throw StripeError(status: 400, type: "invalid_request_error", code: "payment_intent_unexpected_state",
                              message: "This PaymentIntent could not be captured because it has a status of \(intent["status"]?.stringValue ?? "").")
        }
        let amount = try params.int("amount_to_capture") ?? intent["amount"]?.intValue ?? 0
        intent["status"] = "succeeded"
        intent["amount_received"] = .int(amount)
        intent["amount_capturable"] = 0
        store(.paymentIntent, intent)
        emit("payment_intent.succeeded", intent)
        return intent
    }

    mutating func cancelPaymentIntent(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["cancellation_reason"])
        var intent = try fetch(.paymentIntent, id)
        guard intent["status"]?.stringValue != "succeeded", intent["status"]?.stringValue != "canceled" else {
            throw StripeError(status: 400, type: "invalid_request_error", code: "payment_intent_unexpected_state",
                              message: "You cannot cancel this PaymentIntent because it has a status of \(intent["status"]?.stringValue ?? "").")
        }
        intent["status"] = "canceled"
        intent["canceled_at"] = .int(now())
        intent["cancellation_reason"] = params.string("cancellation_reason").map { .string($0) } ?? nil
        store(.paymentIntent, intent)
        emit("payment_intent.canceled", intent)
        return intent
    }

    mutating func updatePaymentIntent(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["amount", "currency", "customer", "description", "metadata", "payment_method",
                          "receipt_email", "shipping", "statement_descriptor", "setup_future_usage"])
        let old = try fetch(.paymentIntent, id)
        var intent = old
        if let amount = try params.int("amount") { intent["amount"] = .int(amount) }
        if let currency = params.string("currency") { intent["currency"] = .string(currency.lowercased()) }
        if let customer = params.string("customer") {
            _ = try fetchCustomer(customer, param: "customer")
            intent["customer"] = .string(customer)
        }
        if params.has("description") { intent["description"] = params.string("description").map { .string($0) } ?? .null }
        if let method = params.string("payment_method") {
            intent["payment_method"] = try materializePaymentMethod(method, param: "payment_method")["id"]!
            if intent["status"]?.stringValue == "requires_payment_method" { intent["status"] = "requires_confirmation" }
        }
        intent["metadata"] = try params.metadata(updating: old["metadata"])
        store(.paymentIntent, intent)
        return intent
    }

    func listPaymentIntents(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "created", "limit", "starting_after", "ending_before"])
        let customer = params.string("customer")
        return try list(.paymentIntent, params, url: "/v1/payment_intents") { intent in
            customer == nil || intent["customer"]?.stringValue == customer
        }
    }

    mutating func updateCharge(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["description", "metadata", "receipt_email", "shipping", "fraud_details", "transfer_group"])
        let old = try fetch(.charge, id)
        var charge = old
        if params.has("description") { charge["description"] = params.string("description").map { .string($0) } ?? .null }
        if params.has("receipt_email") { charge["receipt_email"] = params.string("receipt_email").map { .string($0) } ?? .null }
        charge["metadata"] = try params.metadata(updating: old["metadata"])
        update(.charge, from: old, to: charge)
        return charge
    }

    func listCharges(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "payment_intent", "created", "limit", "starting_after", "ending_before", "transfer_group"])
        let customer = params.string("customer"), intent = params.string("payment_intent")
        return try list(.charge, params, url: "/v1/charges") { charge in
            (customer == nil || charge["customer"]?.stringValue == customer)
                && (intent == nil || charge["payment_intent"]?.stringValue == intent)
        }
    }
}
