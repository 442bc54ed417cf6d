extension EmulatorState {
    static let customerFields: Set<String> = [
        "address", "balance", "description", "email", "invoice_prefix", "invoice_settings", "metadata", "name",
        "next_invoice_sequence", "payment_method", "phone", "preferred_locales", "shipping", "source", "tax_exempt",
        "test_clock", "coupon", "promotion_code", "tax", "tax_id_data", "cash_balance",
    ]

    static func address(_ raw: JSONValue?) -> JSONValue {
        guard let members = raw?.objectValue else { return nil }
        var result: [String: JSONValue] = [:]
        for key in ["city", "country", "line1", "line2", "postal_code", "state"] {
            result[key] = members[key]?.stringValue.flatMap { $0.isEmpty ? nil : JSONValue.string($0) } ?? .null
        }
        return .object(result)
    }

    /// A customer's `shipping` from its form parameter: name, phone and address.
    static func shipping(_ raw: JSONValue?) -> JSONValue {
        guard let members = raw?.objectValue else { return nil }
        return .object(["address": address(members["address"] ?? .object([:])),
                        "name": members["name"]?.stringValue.map { .string($0) } ?? nil,
                        "phone": members["phone"]?.stringValue.map { .string($0) } ?? nil])
    }

    mutating func createCustomer(_ params: Params) throws -> JSONValue {
        try params.allow(Self.customerFields)
        let requestedDiscount = try discountSource(params)
        let id = newID(.customer)
        let prefix = String(id.dropFirst(4).filter { $0.isLetter }.uppercased().prefix(8))
        var customer: JSONValue = .object([
            "id": .string(id), "object": "customer", "address": Self.address(params.values["address"]),
            "balance": .int(try params.int("balance") ?? 0), "created": .int(now()), "currency": nil,
            "default_source": nil, "delinquent": false,
            "description": params.string("description").map { .string($0) } ?? nil, "discount": nil,
            "email": params.string("email").map { .string($0) } ?? nil,
            "invoice_prefix": .string(params.string("invoice_prefix") ?? prefix),
            "invoice_settings": .object([
                "custom_fields": nil, "default_payment_method": nil, "footer": nil, "rendering_options": nil,
            ]),
            "livemode": false, "metadata": try params.metadata(updating: nil),
            "name": params.string("name").map { .string($0) } ?? nil,
            "next_invoice_sequence": .int(try params.int("next_invoice_sequence") ?? 1),
            "phone": params.string("phone").map { .string($0) } ?? nil,
            "preferred_locales": params.values["preferred_locales"]?.arrayValue.map { .array($0) } ?? .array([]),
            "shipping": Self.shipping(params.values["shipping"]), "tax_exempt": .string(params.string("tax_exempt") ?? "none"), "test_clock": nil,
        ])
        store(.customer, customer)
        emit("customer.created", customer)
        if let requestedDiscount { customer = applyDiscount(requestedDiscount, toCustomer: customer) }
        if let paymentMethod = params.string("payment_method") {
            let attached = try attachPaymentMethod(paymentMethod, Params(["customer": .string(id)]))
            customer = try fetch(.customer, id)
            if let settings = params.object("invoice_settings"),
               settings["default_payment_method"]?.stringValue == paymentMethod {
                let old = customer
                customer["invoice_settings"]?["default_payment_method"] = attached["id"]
                update(.customer, from: old, to: customer)
            }
        } else if let settings = params.object("invoice_settings"),
                  let method = settings["default_payment_method"]?.stringValue, !method.isEmpty {
            let old = customer
            customer["invoice_settings"]?["default_payment_method"] = .string(try resolvePaymentMethod(
                method, customer: id, param: "invoice_settings[default_payment_method]"))
            update(.customer, from: old, to: customer)
        }
        return customer
    }

    mutating func updateCustomer(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(Self.customerFields.subtracting(["payment_method", "test_clock"]).union(["default_source"]))
        let old = try fetchCustomer(id)
        var customer = old
        for key in ["description", "email", "name", "phone"] where params.has(key) {
            customer[key] = params.string(key).map { .string($0) } ?? .null
        }
        if params.has("address") { customer["address"] = Self.address(params.values["address"]) }
        if let balance = try params.int("balance") { customer["balance"] = .int(balance) }
        if let prefix = params.string("invoice_prefix") { customer["invoice_prefix"] = .string(prefix) }
        if let exempt = params.string("tax_exempt") { customer["tax_exempt"] = .string(exempt) }
        if let locales = params.values["preferred_locales"]?.arrayValue { customer["preferred_locales"] = .array(locales) }
        if let settings = params.object("invoice_settings"), let method = settings["default_payment_method"] {
            if let methodID = method.stringValue, !methodID.isEmpty {
                customer["invoice_settings"]?["default_payment_method"] = .string(try resolvePaymentMethod(
                    methodID, customer: id, param: "invoice_settings[default_payment_method]"))
            } else {
                customer["invoice_settings"]?["default_payment_method"] = .null
            }
        }
        customer["metadata"] = try params.metadata(updating: old["metadata"])
        update(.customer, from: old, to: customer)
        if let source = try discountSource(params) { customer = applyDiscount(source, toCustomer: customer) }
        return customer
    }

    /// A live customer, or 404 (also for a deleted one).
    func fetchCustomer(_ id: String, param: String = "id") throws -> JSONValue {
        try fetch(.customer, id, param: param)
    }

    /// A customer for GET: deleted customers come back as their stub.
    func retrieveCustomer(_ id: String) throws -> JSONValue {
        if let stub = deleted[id], stub["object"]?.stringValue == "customer" { return stub }
        return try fetchCustomer(id)
    }

    mutating func deleteCustomer(_ id: String) throws -> JSONValue {
        let customer = try fetchCustomer(id)
        for subscription in table(.subscription).newestFirst
        where subscription["customer"]?.stringValue == id && subscription["status"]?.stringValue != "canceled" {
            _ = try cancelSubscription(subscription["id"]!.stringValue!, Params([:]))
        }
        for method in table(.paymentMethod).newestFirst where method["customer"]?.stringValue == id {
            var detached = method
            detached["customer"] = .null
            store(.paymentMethod, detached)
        }
        remove(.customer, id)
        let stub: JSONValue = .object(["id": .string(id), "object": "customer", "deleted": true])
        deleted[id] = stub
        emit("customer.deleted", customer)
        return stub
    }

    func listCustomers(_ params: Params) throws -> JSONValue {
        try params.allow(["created", "email", "limit", "starting_after", "ending_before", "test_clock"])
        let email = params.string("email")
        return try list(.customer, params, url: "/v1/customers") { customer in
            email == nil || customer["email"]?.stringValue == email
        }
    }

    /// Gives `customer` a discount made from `source` (replacing any it had) and emits
    /// `customer.discount.created`.
    mutating func applyDiscount(_ source: (coupon: JSONValue, promotion: String?), toCustomer old: JSONValue) -> JSONValue {
        let discount = createDiscount(source, customer: old["id"]?.stringValue ?? "", subscription: nil)
        var customer = old
        customer["discount"] = discount
        update(.customer, from: old, to: customer)
        emit("customer.discount.created", discount)
        return customer
    }
}
