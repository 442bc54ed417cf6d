import StripeSchema

/// Credit notes and checkout sessions: drawn from a random stream of their own per customer, so
/// adding them left every other object of a seed unchanged.
extension SyntheticCustomerBuilder {
    /// Share of customers who subscribed through a checkout session.
    static let checkoutSessionShare = 0.2
    /// Share of paid invoices that get a credit note.
    static let creditNoteShare = 0.02

    /// The customer's checkout session (about one customer in five) and the credit notes of its
    /// paid invoices (about one in fifty; the first paid invoice of the first live customer who has
    /// one always, so even a small dump set holds one), serialized into `chunk`. Deleted customers
    /// get none.
    func assembleSales(_ plan: SyntheticCustomerPlan, into chunk: inout SyntheticChunk) {
        guard !plan.deleted else { return }
        var random = SyntheticRandom(seed: ids.seed, stream: UInt64(plan.index) | (3 << 40))
        if random.chance(Self.checkoutSessionShare) {
            chunk.append(checkoutSessionObject(plan, &random), to: .checkoutSessions)
            chunk.checkoutSessionLineItems += plan.items.count
        }
        var guaranteed = (0..<plan.index).allSatisfy { !hasCreditablePayment($0) }
        for (position, invoice) in plan.invoices.enumerated() where invoice.paid && invoice.total > 0 {
            let drawn = random.chance(Self.creditNoteShare)
            guard drawn || guaranteed, let line = invoice.lines.first(where: { $0.amount > 0 }) else { continue }
            let ordinal = plan.index * SyntheticCustomerBuilder.ordinalStride + position
            chunk.append(creditNoteObject(invoice, line: line, plan, ordinal: ordinal, &random), to: .creditNotes)
            chunk.creditNoteLines += 1
            guaranteed = false
        }
    }

    /// True when customer `index` is live and has a paid invoice with something to credit.
    func hasCreditablePayment(_ index: Int) -> Bool {
        guard !deleted.contains(index) else { return false }
        var random = SyntheticRandom(seed: ids.seed, stream: UInt64(index) | (1 << 40))
        return makePlan(index, &random).invoices.contains { $0.paid && $0.total > 0 }
    }

    /// The completed subscription-mode session the customer subscribed through, a few minutes
    /// before the subscription, with its line items embedded as fetch writes them.
    func checkoutSessionObject(_ plan: SyntheticCustomerPlan, _ random: inout SyntheticRandom) -> SyntheticJSON {
        let id = ids.id("cs", plan.index)
        let created = plan.subscriptionCreated - random.int(in: 60...900)
        let items: [SyntheticJSON] = plan.items.enumerated().map { offset, item in
            let price = catalog.prices[item.price]
            let amount = price.unitAmount * item.quantity
            return [
                "adjustable_quantity": .null, "amount_discount": 0, "amount_subtotal": .int(amount), "amount_tax": 0,
                "amount_total": .int(amount), "currency": .string(price.currency), "description": .string(price.productName),
                "id": .string(ids.id("li", plan.index * 4 + offset)), "metadata": .null, "object": "item",
                "price": price.object, "quantity": .int(item.quantity),
            ]
        }
        let total = plan.items.reduce(0) { $0 + catalog.prices[$1.price].unitAmount * $1.quantity }
        let firstInvoice = plan.invoices.first { $0.billsSubscription }
        let trial = plan.trialStart != nil
        return [
            "adaptive_pricing": ["enabled": false], "after_expiration": .null, "allow_promotion_codes": .null,
            "amount_subtotal": .int(total), "amount_total": .int(trial ? 0 : total),
            "automatic_tax": ["enabled": false, "liability": .null, "provider": .null, "status": .null],
            "billing_address_collection": .null, "cancel_url": "https://example.com/pricing",
            "client_reference_id": .string("account-\(plan.index)"), "client_secret": .null, "created": .int(created),
            "currency": .string(plan.currency), "custom_fields": [], "customer": .string(plan.id),
            "customer_creation": .null,
            "customer_details": ["address": plan.address, "email": .string(plan.email), "name": .string(plan.name),
                                 "phone": .null, "tax_exempt": "none", "tax_ids": []],
            "customer_email": .null, "discounts": [], "expires_at": .int(created + 86_400), "id": .string(id),
            "invoice": firstInvoice.map { .string($0.id) } ?? .null, "invoice_creation": .null,
            "line_items": ["data": .array(items), "has_more": false, "object": "list",
                           "url": .string("/v1/checkout/sessions/\(id)/line_items")],
            "livemode": false, "locale": .null, "metadata": [:], "mode": "subscription", "object": "checkout.session",
            "payment_intent": .null, "payment_link": .null, "payment_method_collection": "always",
            "payment_method_types": ["card"], "payment_status": trial ? "no_payment_required" : "paid",
            "phone_number_collection": ["enabled": false], "recovered_from": .null, "setup_intent": .null,
            "shipping_address_collection": .null, "shipping_cost": .null, "shipping_options": [], "status": "complete",
            "submit_type": .null, "subscription": .string(plan.subscriptionID),
            "success_url": "https://example.com/welcome", "total_details": ["amount_discount": 0, "amount_shipping": 0, "amount_tax": 0],
            "ui_mode": "hosted", "url": .null,
        ]
    }

    /// A post-payment credit note for part of `line` of the paid `invoice`, settled out of band.
    func creditNoteObject(_ invoice: SyntheticInvoicePlan, line: SyntheticLinePlan, _ plan: SyntheticCustomerPlan,
                          ordinal: Int, _ random: inout SyntheticRandom) -> SyntheticJSON {
        let id = ids.id("cn", ordinal)
        let amount = max(1, line.amount * random.int(in: 10...100) / 100)
        let created = (invoice.paidAt ?? invoice.created) + random.int(in: 1...20) * CivilCalendar.day
        let lineObject: SyntheticJSON = [
            "amount": .int(amount), "description": .string(line.description), "discount_amount": 0, "discount_amounts": [],
            "id": .string(ids.id("cnli", ordinal)), "invoice_line_item": .string(line.id), "livemode": false,
            "metadata": [:], "object": "credit_note_line_item", "pretax_credit_amounts": [], "quantity": .int(line.quantity),
            "tax_rates": [], "taxes": [], "type": "invoice_line_item", "unit_amount": .null, "unit_amount_decimal": .null,
        ]
        return [
            "amount": .int(amount), "amount_shipping": 0, "created": .int(created), "currency": .string(plan.currency),
            "customer": .string(plan.id), "customer_account": .null, "customer_balance_transaction": .null,
            "discount_amount": 0, "discount_amounts": [], "effective_at": .int(created), "id": .string(id),
            "invoice": .string(invoice.id),
            "lines": ["data": [lineObject], "has_more": false, "object": "list", "total_count": 1,
                      "url": .string("/v1/credit_notes/\(id)/lines")],
            "livemode": false, "memo": .null, "metadata": [:], "number": .string("\(invoice.number)-CN-01"),
            "object": "credit_note", "out_of_band_amount": .int(amount), "pdf": .null,
            "post_payment_amount": .int(amount), "pre_payment_amount": 0, "pretax_credit_amounts": [],
            "reason": .string(random.pick(["product_unsatisfactory", "order_change", "duplicate"])), "refunds": [],
            "shipping_cost": .null, "status": "issued", "subtotal": .int(amount), "subtotal_excluding_tax": .int(amount),
            "total": .int(amount), "total_excluding_tax": .int(amount), "total_taxes": [], "type": "post_payment",
            "voided_at": .null,
        ]
    }
}
