extension EmulatorState {
    static let checkoutSessionFields: Set<String> = [
        "mode", "line_items", "customer", "customer_email", "success_url", "cancel_url", "client_reference_id",
        "metadata", "expires_at", "payment_method_types", "currency", "locale", "ui_mode", "return_url",
    ]

    /// Creates an open checkout session (mode `payment` with one-time prices, or `subscription`
    /// with recurring ones) with its line items, which it carries only when expanded. Stripe
    /// emits no event for a new session.
    mutating func createCheckoutSession(_ params: Params) throws -> JSONValue {
        try params.allow(Self.checkoutSessionFields)
        let mode = try params.requireString("mode")
        guard mode == "payment" || mode == "subscription" else {
            throw StripeError.invalid("mode", "Invalid mode: the emulator supports payment or subscription")
        }
        if let customer = params.string("customer") { _ = try fetchCustomer(customer, param: "customer") }
        let id = newID(.checkoutSession)
        let items = try checkoutLineItems(params, mode: mode)
        let total = items.reduce(0) { $0 + ($1["amount_total"]?.intValue ?? 0) }
        let now = now()
        for item in items { parentOf[item["id"]!.stringValue!] = id; store(.checkoutLineItem, item) }
        let session: JSONValue = .object([
            "id": .string(id), "object": "checkout.session", "after_expiration": nil, "allow_promotion_codes": nil,
            "amount_subtotal": .int(total), "amount_total": .int(total),
            "automatic_tax": .object(["enabled": false, "liability": nil, "provider": nil, "status": nil]),
            "billing_address_collection": nil, "cancel_url": params.string("cancel_url").map { .string($0) } ?? nil,
            "client_reference_id": params.string("client_reference_id").map { .string($0) } ?? nil,
            "client_secret": nil, "created": .int(now), "currency": items.first?["currency"] ?? nil,
            "custom_fields": .array([]), "customer": params.string("customer").map { .string($0) } ?? nil,
            "customer_creation": params.string("customer") == nil ? "if_required" : nil, "customer_details": nil,
            "customer_email": params.string("customer_email").map { .string($0) } ?? nil,
            "discounts": .array([]), "expires_at": .int(try params.int("expires_at") ?? now + 86_400),
            "invoice": nil, "invoice_creation": nil, "livemode": false, "locale": nil,
            "metadata": try params.metadata(updating: nil), "mode": .string(mode), "payment_intent": nil,
            "payment_link": nil, "payment_method_collection": "always", "payment_method_types": .array(["card"]),
            "payment_status": "unpaid", "phone_number_collection": .object(["enabled": false]),
            "recovered_from": nil, "setup_intent": nil, "shipping_address_collection": nil, "shipping_cost": nil,
            "shipping_options": .array([]), "status": "open", "submit_type": nil, "subscription": nil,
            "success_url": params.string("success_url").map { .string($0) } ?? nil,
            "total_details": .object(["amount_discount": 0, "amount_shipping": 0, "amount_tax": 0]),
            "ui_mode": "hosted", "url": .string("http://127.0.0.1/checkout/\(id)"),
        ])
        store(.checkoutSession, session)
        return session
    }

    /// The line items of a new session from `line_items[]` (`price`, `quantity`), not stored.
    private mutating func checkoutLineItems(_ params: Params, mode: String) throws -> [JSONValue] {
        guard let raw = params.values["line_items"] else { throw StripeError.missing("line_items") }
        let entries = raw.arrayValue ?? raw.objectValue?.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map(\.value) ?? []
        guard !entries.isEmpty else { throw StripeError.missing("line_items") }
        var items: [JSONValue] = []
        for (index, entry) in entries.enumerated() {
            let field = "line_items[\(index)]"
            guard let priceID = entry["price"]?.stringValue, !priceID.isEmpty else { throw StripeError.missing("\(field)[price]") }
            let price = try fetch(.price, priceID, param: "\(field)[price]")
            let recurring = price["type"]?.stringValue == "recurring"
            if mode == "payment" && recurring {
                throw StripeError.invalid("\(field)[price]",
                    "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.")
            }
            if mode == "subscription" && !recurring {
                throw StripeError.invalid("\(field)[price]", "In `subscription` mode, every price must be recurring.")
            }
            let quantity = entry["quantity"]?.intValue ?? 1
            guard quantity >= 1 else { throw StripeError.invalid("\(field)[quantity]", "Quantity must be at least 1.") }
            let amount = (price["unit_amount"]?.intValue ?? 0) * quantity
            let product = price["product"]?.stringValue.flatMap { table(.product)[$0] }
            items.append(.object([
                "id": .string(newID(.checkoutLineItem)), "object": "item", "adjustable_quantity": nil,
                "amount_discount": 0, "amount_subtotal": .int(amount), "amount_tax": 0, "amount_total": .int(amount),
                "currency": price["currency"] ?? "usd",
                "description": product?["name"] ?? price["nickname"] ?? nil, "metadata": .object([:]),
                "price": price, "quantity": .int(quantity),
            ]))
        }
        return items
    }

    /// Every line item of session `id`, in the order they were given.
    func checkoutLineItemTable(_ id: String) -> ResourceTable {
        var items = ResourceTable()
        for item in table(.checkoutLineItem).newestFirst where parentOf[item["id"]?.stringValue ?? ""] == id {
            items.put(item)
        }
        return items
    }

    func listCheckoutLineItems(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["limit", "starting_after", "ending_before"])
        _ = try fetch(.checkoutSession, id)
        return try page(checkoutLineItemTable(id), kind: .checkoutLineItem, params, url: "/v1/checkout/sessions/\(id)/line_items")
    }

    func listCheckoutSessions(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "payment_intent", "subscription", "status", "created", "limit",
                          "starting_after", "ending_before", "payment_link", "customer_details"])
        let customer = params.string("customer"), status = params.string("status")
        let intent = params.string("payment_intent"), subscription = params.string("subscription")
        let result = try list(.checkoutSession, params, url: "/v1/checkout/sessions") { session in
            (customer == nil || session["customer"]?.stringValue == customer)
                && (status == nil || session["status"]?.stringValue == status)
                && (intent == nil || session["payment_intent"]?.stringValue == intent)
                && (subscription == nil || session["subscription"]?.stringValue == subscription)
        }
        return result
    }

    /// Expires an open session; emits `checkout.session.expired`.
    mutating func expireCheckoutSession(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow([])
        var session = try fetch(.checkoutSession, id)
        guard session["status"]?.stringValue == "open" else {
            throw StripeError.invalid("id", "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \(session["status"]?.stringValue ?? "unknown").")
        }
        session["status"] = "expired"
        store(.checkoutSession, session)
        emit("checkout.session.expired", session)
        return session
    }

    /// Completes an open session as a customer paying with `payment_method` (default: the
    /// customer's default payment method) would, for tests (Stripe has no such call): mode
    /// `payment` creates and confirms a payment intent, mode `subscription` creates the
    /// subscription and its first invoice. A session without a customer gets one from its
    /// `customer_email`. Emits `checkout.session.completed`.
    mutating func completeCheckoutSession(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["payment_method"])
        let old = try fetch(.checkoutSession, id)
        guard old["status"]?.stringValue == "open" else {
            throw StripeError.invalid("id", "Checkout session \(id) is \(old["status"]?.stringValue ?? "unknown"), not open.")
        }
        var session = old
        var customerID = old["customer"]?.stringValue
        if customerID == nil {
            let email = old["customer_email"]?.stringValue.map { JSONValue.string($0) }
            customerID = try createCustomer(Params(email.map { ["email": $0] } ?? [:]))["id"]?.stringValue
            session["customer"] = customerID.map { .string($0) } ?? nil
        }
        let customer = try fetchCustomer(customerID!)
        guard let method = params.string("payment_method") ?? customer["invoice_settings"]?["default_payment_method"]?.stringValue else {
            throw StripeError.missing("payment_method")
        }
        let items = checkoutLineItemTable(id).newestFirst
        if old["mode"]?.stringValue == "subscription" {
            let lines: [JSONValue] = items.map { .object(["price": $0["price"]?["id"] ?? nil, "quantity": $0["quantity"] ?? 1]) }
            let subscription = try createSubscription(Params([
                "customer": .string(customerID!), "items": .array(lines), "default_payment_method": .string(method),
            ]))
            session["subscription"] = subscription["id"] ?? nil
            session["invoice"] = subscription["latest_invoice"] ?? nil
        } else {
            let intent = try createPaymentIntent(Params([
                "amount": old["amount_total"] ?? 0, "currency": old["currency"] ?? "usd", "customer": .string(customerID!),
                "payment_method": .string(method), "confirm": true, "description": .string("Checkout \(id)"),
            ]))
            session["payment_intent"] = intent["id"] ?? nil
        }
        session["status"] = "complete"
        session["payment_status"] = "paid"
        session["customer_details"] = .object([
            "address": customer["address"] ?? nil, "email": customer["email"] ?? nil, "name": customer["name"] ?? nil,
            "phone": customer["phone"] ?? nil, "tax_exempt": customer["tax_exempt"] ?? "none", "tax_ids": .array([]),
        ])
        store(.checkoutSession, session)
        emit("checkout.session.completed", session)
        return session
    }
}
