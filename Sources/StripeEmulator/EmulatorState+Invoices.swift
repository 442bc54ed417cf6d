import Foundation

extension EmulatorState {
    /// Creates the first invoice of a subscription with its line items and, when it has something
    /// to pay, a payment intent with its invoice payment (and, with a payment method, a charge).
    /// The invoice has the basil/clover shape: no `payment_intent`, `charge`, `paid` or
    /// `paid_out_of_band`; the invoice payment links it to its payment. Returns the invoice id.
    mutating func createSubscriptionInvoice(subscription: JSONValue, customer: JSONValue, items: [JSONValue],
                                            amount: Int, periodEnd: Int, method: String?) throws -> String {
        let now = now()
        let invoiceID = newID(.invoice)
        let subscriptionID = subscription["id"]!.stringValue!
        let currency = subscription["currency"]?.stringValue ?? "usd"
        for item in items {
            let price = item["price"] ?? nil
            let quantity = item["quantity"]?.intValue ?? 1
            let lineAmount = subscription["trial_start"]?.isNull == false ? 0 : (price["unit_amount"]?.intValue ?? 0) * quantity
            let line: JSONValue = .object([
                "id": .string(newID(.lineItem)), "object": "line_item", "amount": .int(lineAmount),
                "currency": .string(currency),
                "description": .string("\(quantity) × \(price["nickname"]?.stringValue ?? "subscription")"),
                "discount_amounts": .array([]), "discountable": true, "discounts": .array([]),
                "invoice": .string(invoiceID), "livemode": false, "metadata": item["metadata"] ?? .object([:]),
                "parent": .object([
                    "invoice_item_details": nil,
                    "subscription_item_details": .object([
                        "invoice_item": nil, "proration": false, "proration_details": .object(["credited_items": nil]),
                        "subscription": .string(subscriptionID), "subscription_item": item["id"] ?? nil,
                    ]),
                    "type": "subscription_item_details",
                ]),
                "period": .object(["end": .int(periodEnd), "start": .int(now)]), "pretax_credit_amounts": .array([]),
                "pricing": .object([
                    "price_details": .object(["price": price["id"] ?? nil, "product": price["product"] ?? nil]),
                    "type": "price_details", "unit_amount_decimal": price["unit_amount_decimal"] ?? nil,
                ]),
                "quantity": .int(quantity), "quantity_decimal": .string(String(quantity)),
                "subscription": .string(subscriptionID), "subtotal": .int(lineAmount), "taxes": .array([]),
            ])
            store(.lineItem, line)
        }
        let customerID = customer["id"]!.stringValue!
        let sequence = customer["next_invoice_sequence"]?.intValue ?? 1
        var updatedCustomer = customer
        updatedCustomer["next_invoice_sequence"] = .int(sequence + 1)
        store(.customer, updatedCustomer)
        let number = "\(customer["invoice_prefix"]?.stringValue ?? "EMU")-\(String(format: "%04d", sequence))"
        var invoice: JSONValue = .object([
            "id": .string(invoiceID), "object": "invoice", "account_country": "US", "account_name": "Stripe Emulator",
            "account_tax_ids": nil, "amount_due": .int(amount), "amount_overpaid": 0, "amount_paid": 0,
            "amount_remaining": .int(amount), "amount_shipping": 0, "application": nil, "attempt_count": 0,
            "attempted": false, "auto_advance": false,
            "automatic_tax": .object(["disabled_reason": nil, "enabled": false, "liability": nil, "provider": nil, "status": nil]),
            "automatically_finalizes_at": nil, "billing_reason": "subscription_create",
            "collection_method": subscription["collection_method"] ?? "charge_automatically", "created": .int(now),
            "currency": .string(currency), "custom_fields": nil, "customer": .string(customerID),
            "customer_account": nil, "customer_address": customer["address"] ?? nil,
            "customer_email": customer["email"] ?? nil, "customer_name": customer["name"] ?? nil,
            "customer_phone": customer["phone"] ?? nil, "customer_shipping": customer["shipping"] ?? nil,
            "customer_tax_exempt": customer["tax_exempt"] ?? "none", "customer_tax_ids": .array([]),
            "default_payment_method": nil, "default_source": nil, "default_tax_rates": .array([]),
            "description": nil, "discounts": .array([]), "due_date": nil, "effective_at": .int(now),
            "ending_balance": 0, "footer": nil, "from_invoice": nil,
            "hosted_invoice_url": .string("http://127.0.0.1/invoices/\(invoiceID)"),
            "invoice_pdf": .string("http://127.0.0.1/invoices/\(invoiceID)/pdf"),
            "issuer": .object(["type": "self"]), "last_finalization_error": nil, "latest_revision": nil,
            "lines": nil, "livemode": false, "metadata": .object([:]), "next_payment_attempt": nil,
            "number": .string(number), "on_behalf_of": nil,
            "parent": .object([
                "quote_details": nil,
                "subscription_details": .object(["metadata": subscription["metadata"] ?? .object([:]),
                                                 "subscription": .string(subscriptionID)]),
                "type": "subscription_details",
            ]),
            "payment_settings": .object(["default_mandate": nil, "payment_method_options": nil, "payment_method_types": nil]),
            "period_end": .int(now), "period_start": .int(now), "post_payment_credit_notes_amount": 0,
            "pre_payment_credit_notes_amount": 0, "receipt_number": nil, "rendering": nil, "shipping_cost": nil,
            "shipping_details": nil, "starting_balance": 0, "statement_descriptor": nil, "status": "open",
            "status_transitions": .object(["finalized_at": .int(now), "marked_uncollectible_at": nil,
                                           "paid_at": nil, "voided_at": nil]),
            "subscription": .string(subscriptionID), "subtotal": .int(amount), "subtotal_excluding_tax": .int(amount),
            "test_clock": nil, "total": .int(amount), "total_discount_amounts": .array([]),
            "total_excluding_tax": .int(amount), "total_pretax_credit_amounts": .array([]), "total_taxes": .array([]),
            "webhooks_delivered_at": .int(now),
        ])
        invoice["lines"] = linesSummary(invoiceID)
        if let discountID = subscription["discount"]?["id"], !discountID.isNull { invoice["discounts"] = .array([discountID]) }
        store(.invoice, invoice)
        emit("invoice.created", invoice)
        emit("invoice.finalized", invoice)
        let old = invoice
        if amount == 0 {
            invoice["status"] = "paid"
            invoice["status_transitions"]?["paid_at"] = .int(now)
        } else {
            var intent = newPaymentIntent(amount: amount, currency: currency, customer: customerID, method: method,
                                          description: "Subscription creation", metadata: .object([:]))
            store(.paymentIntent, intent)
            emit("payment_intent.created", intent)
            var payment = newInvoicePayment(invoice: invoice, paymentIntent: intent["id"]!.stringValue!, isDefault: true)
            store(.invoicePayment, payment)
            if method != nil {
                let (confirmed, error) = try confirm(intent)
                intent = confirmed
                invoice["attempted"] = true
                invoice["attempt_count"] = 1
                if error == nil {
                    invoice["status"] = "paid"
                    invoice["amount_paid"] = .int(amount)
                    invoice["amount_remaining"] = 0
                    invoice["status_transitions"]?["paid_at"] = .int(now)
                    payment = paid(payment, amount: amount, at: now)
                    store(.invoicePayment, payment)
                    emit("invoice_payment.paid", payment)
                }
            }
        }
        store(.invoice, invoice)
        if invoice["status"]?.stringValue == "paid" {
            emit("invoice.paid", invoice, previous: changes(from: old, to: invoice))
            emit("invoice.payment_succeeded", invoice)
        } else if invoice["attempted"]?.boolValue == true {
            emit("invoice.payment_failed", invoice)
        }
        return invoiceID
    }

    /// The `lines` list embedded in an invoice: its first ten line items.
    func linesSummary(_ invoiceID: String) -> JSONValue {
        let lines = table(.lineItem).newestFirst.filter { $0["invoice"]?.stringValue == invoiceID }.reversed()
        return .object(["object": "list", "data": .array(Array(lines.prefix(10))), "has_more": .bool(lines.count > 10),
                        "total_count": .int(lines.count), "url": .string("/v1/invoices/\(invoiceID)/lines")])
    }

    func listInvoiceLines(_ invoiceID: String, _ params: Params) throws -> JSONValue {
        try params.allow(["limit", "starting_after", "ending_before"])
        _ = try fetch(.invoice, invoiceID)
        return try list(.lineItem, params, url: "/v1/invoices/\(invoiceID)/lines") { line in
            line["invoice"]?.stringValue == invoiceID
        }
    }

    mutating func updateInvoice(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["metadata", "description", "footer", "auto_advance"])
        let old = try fetch(.invoice, id)
        var invoice = old
        for key in ["description", "footer"] where params.has(key) {
            invoice[key] = params.string(key).map { .string($0) } ?? .null
        }
        if let flag = try params.bool("auto_advance") { invoice["auto_advance"] = .bool(flag) }
        invoice["metadata"] = try params.metadata(updating: old["metadata"])
        update(.invoice, from: old, to: invoice)
        return invoice
    }

    func listInvoices(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "subscription", "status", "collection_method", "created", "due_date",
                          "limit", "starting_after", "ending_before"])
        let customer = params.string("customer"), subscription = params.string("subscription")
        let status = params.string("status"), method = params.string("collection_method")
        return try list(.invoice, params, url: "/v1/invoices") { invoice in
            (customer == nil || invoice["customer"]?.stringValue == customer)
                && (subscription == nil || invoice["subscription"]?.stringValue == subscription)
                && (status == nil || invoice["status"]?.stringValue == status)
                && (method == nil || invoice["collection_method"]?.stringValue == method)
        }
    }
}
