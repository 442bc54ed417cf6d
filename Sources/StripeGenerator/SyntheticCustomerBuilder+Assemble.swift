/// Assembling the customer and its card, and serializing everything a customer owns.
extension SyntheticCustomerBuilder {
    /// Assembles the planned customer's objects from the templates and serializes them into
    /// `chunk`. About one reference in ten is an expanded object instead of an id.
    func assemble(_ plan: SyntheticCustomerPlan, _ random: inout SyntheticRandom, into chunk: inout SyntheticChunk) {
        let paymentMethod = paymentMethodObject(plan)
        let customer = customerObject(plan, expandedPaymentMethod: random.chance(0.1) ? paymentMethod : nil)
        let expandedCustomer: SyntheticJSON = plan.deleted
            ? ["deleted": true, "id": .string(plan.id), "object": "customer"]
            : customer.frozen
        /// The customer as an id, or about one time in ten as the expanded object.
        func customerReference(_ random: inout SyntheticRandom) -> SyntheticJSON {
            random.chance(0.1) ? expandedCustomer : .string(plan.id)
        }

        if !plan.deleted {
            chunk.append(customer, to: .customers)
            chunk.append(customerCreatedEvent(plan, customer: customer.frozen), to: .events)
        }
        chunk.append(paymentMethod, to: .paymentMethods)
        chunk.append(setupIntentObject(plan), to: .setupIntents)
        var subscription = subscriptionObject(
            plan, customer: customerReference(&random),
            paymentMethod: random.chance(0.1) ? paymentMethod : .string(plan.paymentMethodID))
        if let discount = discountObject(plan) {
            // Old shape: the single `discount`; current: `discounts`, as listed with expand[]=data.discounts.
            if plan.oldSubscriptionShape { subscription["discount"] = discount } else { subscription["discounts"] = [discount] }
        }
        chunk.append(subscription, to: .subscriptions)
        chunk.subscriptionItems += plan.items.count

        for invoice in plan.invoices {
            chunk.append(invoiceObject(invoice, plan, customer: customerReference(&random)), to: .invoices)
            for item in invoiceItemObjects(invoice, plan) { chunk.append(item, to: .invoiceItems) }
            chunk.invoiceLineItems += invoice.lines.count
            guard let paymentIntentID = invoice.paymentIntentID, let chargeID = invoice.chargeID else { continue }
            chunk.append(paymentIntentObject(
                invoice, plan, id: paymentIntentID, chargeID: chargeID, customer: customerReference(&random),
                paymentMethod: random.chance(0.1) ? paymentMethod : .string(plan.paymentMethodID)), to: .paymentIntents)
            let charge = chargeObject(
                invoice, plan, id: chargeID, paymentIntentID: paymentIntentID, customer: customerReference(&random),
                random: &random)
            chunk.append(money(for: charge, invoice, plan, into: &chunk), to: .charges)
            chunk.append(invoicePaymentObject(invoice, plan, paymentIntentID: paymentIntentID), to: .invoicePayments)
        }
        assembleSales(plan, into: &chunk)
    }

    /// The customer object; its default payment method expanded when one is given.
    func customerObject(_ plan: SyntheticCustomerPlan, expandedPaymentMethod: SyntheticJSON?) -> SyntheticJSON {
        var customer = templates.customer
        customer["address"] = plan.address
        customer["balance"] = 0
        customer["created"] = .int(plan.created)
        customer["currency"] = .string(plan.currency)
        customer["default_source"] = .null
        customer["delinquent"] = .bool(plan.delinquent)
        customer["description"] = plan.metadata["contact"].map { .string("Account contact: \($0.stringValue ?? "")") } ?? .null
        customer["discount"] = .null
        customer["email"] = .string(plan.email)
        customer["id"] = .string(plan.id)
        customer["invoice_prefix"] = .string(plan.invoicePrefix)
        if var settings = customer["invoice_settings"] {
            settings["default_payment_method"] = expandedPaymentMethod ?? .string(plan.paymentMethodID)
            settings["rendering_options"] = .null
            customer["invoice_settings"] = settings
        }
        customer["livemode"] = false
        customer["metadata"] = plan.metadata
        customer["name"] = .string(plan.name)
        customer["next_invoice_sequence"] = .int(plan.earlierInvoices + plan.invoices.count + 1)
        customer["phone"] = .string(plan.phone)
        customer["preferred_locales"] = [.string(plan.locale)]
        customer["shipping"] = plan.index % 3 == 0
            ? ["address": plan.address, "name": .string(plan.name), "phone": .string(plan.phone)] : .null
        customer["tax_exempt"] = "none"
        customer["test_clock"] = .null
        return customer
    }

    /// The card payment method, attached to the customer (detached once they were deleted).
    func paymentMethodObject(_ plan: SyntheticCustomerPlan) -> SyntheticJSON {
        var method = templates.paymentMethod
        method["allow_redisplay"] = plan.index % 4 == 0 ? "always" : "unspecified"
        method["billing_details"] = billingDetails(plan)
        if var card = method["card"] {
            card["brand"] = .string(plan.cardBrand)
            card["checks"] = ["address_line1_check": "pass", "address_postal_code_check": "pass", "cvc_check": "pass"]
            card["country"] = .string(plan.country)
            card["display_brand"] = .string(plan.cardDisplayBrand)
            card["exp_month"] = .int(plan.cardExpMonth)
            card["exp_year"] = .int(plan.cardExpYear)
            card["fingerprint"] = .string(plan.cardFingerprint)
            card["funding"] = .string(plan.cardFunding)
            card["generated_from"] = .null
            card["last4"] = .string(plan.cardLast4)
            card["networks"] = ["available": [.string(plan.cardBrand)], "preferred": .null]
            card["regulated_status"] = "unregulated"
            card["wallet"] = .null
            method["card"] = card
        }
        method["created"] = .int(plan.paymentMethodCreated)
        method["customer"] = plan.deleted ? .null : .string(plan.id)
        method["customer_account"] = .null
        method["id"] = .string(plan.paymentMethodID)
        method["livemode"] = false
        method["metadata"] = [:]
        method["type"] = "card"
        return method
    }

    /// `billing_details` of the customer's card.
    func billingDetails(_ plan: SyntheticCustomerPlan) -> SyntheticJSON {
        ["address": plan.address, "email": .string(plan.email), "name": .string(plan.name),
         "phone": .string(plan.phone), "tax_id": .null]
    }
}
