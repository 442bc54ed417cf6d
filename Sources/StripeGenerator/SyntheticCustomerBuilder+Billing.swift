/// Assembling a customer's billing objects: the setup intent that saved their card, the
/// discount about one subscription in ten has, and the invoice items behind one-time lines.
extension SyntheticCustomerBuilder {
    /// The setup intent that saved the customer's card, succeeded just before it was attached.
    func setupIntentObject(_ plan: SyntheticCustomerPlan) -> SyntheticJSON {
        let id = ids.id("seti", plan.index)
        return [
            "id": .string(id), "object": "setup_intent", "application": .null,
            "automatic_payment_methods": .null, "cancellation_reason": .null,
            "client_secret": .string(id + "_secret_" + SyntheticIDFactory.base62Digits(
                SyntheticRandom.mix(ids.seed ^ SyntheticIDFactory.hash(id)), count: 24)),
            "created": .int(plan.paymentMethodCreated - 5), "customer": .string(plan.id), "customer_account": .null,
            "description": .null, "flow_directions": .null, "last_setup_error": .null, "latest_attempt": .null,
            "livemode": false, "mandate": .null, "metadata": [:], "next_action": .null, "on_behalf_of": .null,
            "payment_method": .string(plan.paymentMethodID), "payment_method_options": [:],
            "payment_method_types": ["card"], "single_use_mandate": .null, "status": "succeeded", "usage": "off_session",
        ]
    }

    /// The discount of the customer's subscription, for about one subscription in ten: in the
    /// old shape with the whole coupon embedded, in the current one naming it under `source`.
    func discountObject(_ plan: SyntheticCustomerPlan) -> SyntheticJSON? {
        guard plan.index % 10 == 7 else { return nil }
        let coupon = catalog.coupons.coupon(for: plan.index / 10)
        var discount: SyntheticJSON = [
            "id": .string(ids.id("di", plan.index)), "object": "discount", "checkout_session": .null,
            "customer": .string(plan.id), "customer_account": .null, "end": .null, "invoice": .null, "invoice_item": .null,
            "promotion_code": .null, "start": .int(plan.subscriptionCreated), "subscription": .string(plan.subscriptionID),
            "subscription_item": .null,
        ]
        if plan.oldSubscriptionShape {
            discount["coupon"] = coupon
        } else {
            discount["source"] = ["coupon": coupon["id"] ?? .null, "type": "coupon"]
        }
        return discount
    }

    /// The invoice items of `invoice`'s one-time lines, on that invoice.
    func invoiceItemObjects(_ invoice: SyntheticInvoicePlan, _ plan: SyntheticCustomerPlan) -> [SyntheticJSON] {
        invoice.lines.compactMap { line in
            guard let id = line.invoiceItemID else { return nil }
            let price = catalog.prices[line.price]
            var item: SyntheticJSON = [
                "id": .string(id), "object": "invoiceitem", "amount": .int(line.amount), "currency": .string(price.currency),
                "customer": .string(plan.id), "customer_account": .null, "date": .int(line.periodStart),
                "description": .string(line.description), "discountable": true, "discounts": [],
                "invoice": .string(invoice.id), "livemode": false, "metadata": [:], "net_amount": .int(line.amount),
                "period": ["end": .int(line.periodEnd), "start": .int(line.periodStart)], "proration": false,
                "quantity": .int(line.quantity), "tax_rates": [], "test_clock": .null,
            ]
            if invoice.oldShape {
                item["price"] = .string(price.id)
                item["subscription"] = .null
            } else {
                item["parent"] = .null
                item["pricing"] = ["price_details": ["price": .string(price.id), "product": .string(price.productID)],
                                   "type": "price_details", "unit_amount_decimal": .string(String(price.unitAmount))]
            }
            return item
        }
    }
}
