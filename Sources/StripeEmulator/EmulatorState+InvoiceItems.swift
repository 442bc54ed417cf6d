extension EmulatorState {
    /// `POST /v1/invoiceitems`: a pending item for the customer's next invoice (or a given
    /// draft invoice), in the shape of 2025-03-31.basil and later (`pricing`, `parent`, `date`).
    mutating func createInvoiceItem(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "amount", "currency", "description", "price", "pricing", "invoice", "subscription",
                          "quantity", "metadata", "discountable", "period", "tax_rates", "discounts", "unit_amount_decimal",
                          "price_data", "tax_behavior", "tax_code"])
        let customerID = try params.requireString("customer")
        _ = try fetchCustomer(customerID, param: "customer")
        let priceID = params.string("price") ?? params.object("pricing")?["price"]?.stringValue
        let price = try priceID.map { try fetch(.price, $0, param: "price") }
        let quantity = try params.int("quantity") ?? 1
        guard let amount = try params.int("amount") ?? price.map({ ($0["unit_amount"]?.intValue ?? 0) * quantity }) else {
            throw StripeError.missing("amount")
        }
        let currency = params.string("currency") ?? price?["currency"]?.stringValue ?? "usd"
        var parent: JSONValue = nil
        if let subscriptionID = params.string("subscription") {
            _ = try fetch(.subscription, subscriptionID, param: "subscription")
            parent = .object(["type": "subscription_details", "subscription_details": .object([
                "subscription": .string(subscriptionID), "subscription_item": nil])])
        }
        var invoice: JSONValue = nil
        if let invoiceID = params.string("invoice") {
            invoice = try fetch(.invoice, invoiceID, param: "invoice")["id"] ?? nil
        }
        let date = now()
        let item: JSONValue = .object([
            "id": .string(newID(.invoiceItem)), "object": "invoiceitem", "amount": .int(amount),
            "currency": .string(currency), "customer": .string(customerID), "customer_account": nil, "date": .int(date),
            "description": params.string("description").map { .string($0) } ?? nil,
            "discountable": .bool(try params.bool("discountable") ?? true), "discounts": .array([]), "invoice": invoice,
            "livemode": false, "metadata": try params.metadata(updating: nil), "net_amount": .int(amount), "parent": parent,
            "period": .object(["start": .int(date), "end": .int(date)]),
            "pricing": price.map { price in
                .object(["type": "price_details", "price_details": .object([
                    "price": price["id"] ?? nil, "product": price["product"] ?? nil]),
                         "unit_amount_decimal": price["unit_amount_decimal"] ?? nil])
            } ?? nil,
            "proration": false, "quantity": .int(quantity), "tax_rates": .array([]), "test_clock": nil,
        ])
        store(.invoiceItem, item)
        emit("invoiceitem.created", item)
        return item
    }

    /// Updates an item; Stripe emits no `invoiceitem.updated` event.
    mutating func updateInvoiceItem(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["description", "metadata", "discountable", "amount", "quantity"])
        var item = try fetch(.invoiceItem, id)
        if params.has("description") { item["description"] = params.string("description").map { .string($0) } ?? .null }
        if let amount = try params.int("amount") { item["amount"] = .int(amount) }
        if let quantity = try params.int("quantity") { item["quantity"] = .int(quantity) }
        item["metadata"] = try params.metadata(updating: item["metadata"])
        store(.invoiceItem, item)
        return item
    }

    /// Deletes an item not yet on an invoice (Stripe refuses the others).
    mutating func deleteInvoiceItem(_ id: String) throws -> JSONValue {
        let item = try fetch(.invoiceItem, id)
        if let invoiceID = item["invoice"]?.stringValue, table(.invoice)[invoiceID]?["status"]?.stringValue != "draft" {
            throw StripeError(status: 400, type: "invalid_request_error",
                              message: "You can only delete invoice items that are not attached to an invoice or are on a draft invoice.")
        }
        remove(.invoiceItem, id)
        emit("invoiceitem.deleted", item)
        return .object(["id": .string(id), "object": "invoiceitem", "deleted": true])
    }

    func listInvoiceItems(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "invoice", "pending", "created", "limit", "starting_after", "ending_before"])
        let customer = params.string("customer"), invoice = params.string("invoice"), pending = try params.bool("pending")
        return try list(.invoiceItem, params, url: "/v1/invoiceitems") { item in
            (customer == nil || item["customer"]?.stringValue == customer)
                && (invoice == nil || item["invoice"]?.stringValue == invoice)
                && (pending == nil || (item["invoice"]?.isNull ?? true) == pending)
        }
    }
}
