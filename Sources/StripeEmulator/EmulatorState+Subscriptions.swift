import Foundation

extension EmulatorState {
    static let subscriptionFields: Set<String> = [
        "customer", "items", "default_payment_method", "metadata", "description", "collection_method",
        "days_until_due", "payment_behavior", "trial_period_days", "cancel_at_period_end", "off_session",
        "proration_behavior", "currency", "trial_end", "billing_cycle_anchor", "automatic_tax", "coupon",
        "default_tax_rates", "payment_settings", "cancel_at", "discounts", "promotion_code",
    ]

    /// `start` advanced by `count` `interval`s (day, week, month, year), in UTC.
    static func advance(_ start: Int, interval: String, count: Int) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let component: Calendar.Component
        switch interval {
        case "day": component = .day
        case "week": return start + 7 * 86_400 * count
        case "year": component = .year
        default: component = .month
        }
        let date = Date(timeIntervalSince1970: TimeInterval(start))
        return Int(calendar.date(byAdding: component, value: count, to: date)!.timeIntervalSince1970)
    }

    mutating func createSubscription(_ params: Params) throws -> JSONValue {
        try params.allow(Self.subscriptionFields)
        let customerID = try params.requireString("customer")
        var customer = try fetchCustomer(customerID, param: "customer")
        let requestedDiscount = try discountSource(params)
        guard let rawItems = params.values["items"]?.arrayValue, !rawItems.isEmpty else {
            throw StripeError.missing("items")
        }
        let now = now()
        let id = newID(.subscription)
        var prices: [(JSONValue, Int, JSONValue)] = []
        for (index, raw) in rawItems.enumerated() {
            guard let priceID = raw["price"]?.stringValue, !priceID.isEmpty else {
                throw StripeError.missing("items[\(index)][price]")
            }
            let price = try fetch(.price, priceID, param: "items[\(index)][price]")
            guard price["type"]?.stringValue == "recurring" else {
                throw StripeError.invalid("items[\(index)][price]",
                    "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.")
            }
            let quantity = raw["quantity"]?.intValue ?? 1
            prices.append((price, quantity, raw["metadata"] ?? .object([:])))
        }
        let first = prices[0].0
        let currency = first["currency"]?.stringValue ?? "usd"
        let interval = first["recurring"]?["interval"]?.stringValue ?? "month"
        let intervalCount = first["recurring"]?["interval_count"]?.intValue ?? 1
        let trialDays = try params.int("trial_period_days")
        let periodEnd = trialDays.map { now + $0 * 86_400 } ?? Self.advance(now, interval: interval, count: intervalCount)
        var methodID: String?
        if let method = params.string("default_payment_method") {
            methodID = try resolvePaymentMethod(method, customer: customerID, param: "default_payment_method")
        }
        let chargeMethod = methodID ?? customer["invoice_settings"]?["default_payment_method"]?.stringValue

        var items: [JSONValue] = []
        for (price, quantity, metadata) in prices {
            let item: JSONValue = .object([
                "id": .string(newID(.subscriptionItem)), "object": "subscription_item", "billing_thresholds": nil,
                "created": .int(now), "current_period_end": .int(periodEnd), "current_period_start": .int(now),
                "discounts": .array([]), "metadata": metadata, "plan": Self.plan(from: price), "price": price,
                "quantity": .int(quantity), "subscription": .string(id), "tax_rates": .array([]),
            ])
            store(.subscriptionItem, item)
            items.append(item)
        }
        var subscription: JSONValue = .object([
            "id": .string(id), "object": "subscription", "application": nil, "application_fee_percent": nil,
            "automatic_tax": .object(["disabled_reason": nil, "enabled": false, "liability": nil]),
            "billing_cycle_anchor": .int(trialDays == nil ? now : periodEnd), "billing_cycle_anchor_config": nil,
            "billing_mode": .object(["flexible": nil, "type": "classic"]), "billing_schedules": .array([]),
            "billing_thresholds": nil, "cancel_at": nil,
            "cancel_at_period_end": .bool(try params.bool("cancel_at_period_end") ?? false), "canceled_at": nil,
            "cancellation_details": .object(["comment": nil, "feedback": nil, "reason": nil]),
            "collection_method": .string(params.string("collection_method") ?? "charge_automatically"),
            "created": .int(now), "currency": .string(currency), "customer": .string(customerID),
            "customer_account": nil, "days_until_due": try params.int("days_until_due").map { .int($0) } ?? nil,
            "default_payment_method": methodID.map { .string($0) } ?? nil, "default_source": nil,
            "default_tax_rates": .array([]), "description": params.string("description").map { .string($0) } ?? nil,
            "discounts": .array([]), "ended_at": nil,
            "invoice_settings": .object(["account_tax_ids": nil, "issuer": .object(["type": "self"])]),
            "items": .object(["object": "list", "data": .array(items), "has_more": false,
                              "total_count": .int(items.count), "url": .string("/v1/subscription_items?subscription=\(id)")]),
            "latest_invoice": nil, "livemode": false, "managed_payments": nil,
            "metadata": try params.metadata(updating: nil), "next_pending_invoice_item_invoice": nil,
            "on_behalf_of": nil, "pause_collection": nil,
            "payment_settings": .object(["payment_method_options": nil, "payment_method_types": nil,
                                         "save_default_payment_method": "off"]),
            "pending_invoice_item_interval": nil, "pending_setup_intent": nil, "pending_update": nil,
            "schedule": nil, "start_date": .int(now), "status": "incomplete", "test_clock": nil,
            "transfer_data": nil, "trial_end": trialDays.map { _ in .int(periodEnd) } ?? nil,
            "trial_settings": .object(["end_behavior": .object(["missing_payment_method": "create_invoice"])]),
            "trial_start": trialDays.map { _ in .int(now) } ?? nil,
        ])
        var discount: JSONValue = nil
        if let requestedDiscount {
            discount = createDiscount(requestedDiscount, customer: customerID, subscription: id)
            subscription["discount"] = discount
            subscription["discounts"] = .array([discount["id"] ?? nil])
        }
        store(.subscription, subscription)
        emit("customer.subscription.created", subscription)
        if !discount.isNull { emit("customer.discount.created", discount) }
        if customer["currency"]?.isNull ?? true {
            let old = customer
            customer["currency"] = .string(currency)
            update(.customer, from: old, to: customer)
        }

        let fullAmount = trialDays == nil ? prices.reduce(0) { $0 + ($1.0["unit_amount"]?.intValue ?? 0) * $1.1 } : 0
        let amount = Self.discounted(fullAmount, by: discount["coupon"])
        let invoiceID = try createSubscriptionInvoice(subscription: subscription, customer: customer, items: items,
                                                      amount: amount, periodEnd: periodEnd, method: chargeMethod)
        let invoice = try fetch(.invoice, invoiceID)
        let old = subscription
        subscription["latest_invoice"] = .string(invoiceID)
        if trialDays != nil {
            subscription["status"] = "trialing"
        } else if invoice["status"]?.stringValue == "paid" {
            subscription["status"] = "active"
        }
        update(.subscription, from: old, to: subscription, eventPrefix: "customer.subscription")
        return subscription
    }

    /// `amount` less what `coupon` (if any) takes off it, never below zero.
    static func discounted(_ amount: Int, by coupon: JSONValue?) -> Int {
        guard let coupon, !coupon.isNull else { return amount }
        if let off = coupon["amount_off"]?.intValue { return max(0, amount - off) }
        let percent = coupon["percent_off"].flatMap { Double($0.serialized) } ?? 0
        return max(0, amount - Int((Double(amount) * percent / 100).rounded()))
    }

    /// The legacy `plan` object Stripe still embeds in subscription items.
    static func plan(from price: JSONValue) -> JSONValue {
        .object([
            "id": price["id"] ?? nil, "object": "plan", "active": price["active"] ?? true,
            "amount": price["unit_amount"] ?? nil, "amount_decimal": price["unit_amount_decimal"] ?? nil,
            "billing_scheme": price["billing_scheme"] ?? "per_unit", "created": price["created"] ?? nil,
            "currency": price["currency"] ?? nil, "interval": price["recurring"]?["interval"] ?? "month",
            "interval_count": price["recurring"]?["interval_count"] ?? 1, "livemode": false,
            "metadata": price["metadata"] ?? .object([:]), "meter": nil, "nickname": price["nickname"] ?? nil,
            "product": price["product"] ?? nil, "tiers_mode": nil, "transform_usage": nil,
            "trial_period_days": nil, "usage_type": price["recurring"]?["usage_type"] ?? "licensed",
        ])
    }

    mutating func updateSubscription(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["metadata", "description", "cancel_at_period_end", "default_payment_method", "cancel_at",
                          "days_until_due", "collection_method", "proration_behavior", "payment_behavior",
                          "cancellation_details"])
        let old = try fetch(.subscription, id)
        var subscription = old
        if params.has("description") {
            subscription["description"] = params.string("description").map { .string($0) } ?? .null
        }
        if let flag = try params.bool("cancel_at_period_end") {
            subscription["cancel_at_period_end"] = .bool(flag)
            subscription["cancel_at"] = flag ? (old["items"]?["data"]?.arrayValue?.first?["current_period_end"] ?? nil) : .null
        }
        if let method = params.string("default_payment_method") {
            subscription["default_payment_method"] = .string(try resolvePaymentMethod(
                method, customer: old["customer"]?.stringValue ?? "", param: "default_payment_method"))
        }
        if let method = params.string("collection_method") { subscription["collection_method"] = .string(method) }
        subscription["metadata"] = try params.metadata(updating: old["metadata"])
        update(.subscription, from: old, to: subscription, eventPrefix: "customer.subscription")
        return subscription
    }

    mutating func cancelSubscription(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["invoice_now", "prorate", "cancellation_details"])
        var subscription = try fetch(.subscription, id)
        guard subscription["status"]?.stringValue != "canceled" else {
            throw StripeError(status: 400, type: "invalid_request_error",
                              message: "A canceled subscription can only update its cancellation_details and metadata.")
        }
        let now = now()
        subscription["status"] = "canceled"
        subscription["canceled_at"] = .int(now)
        subscription["ended_at"] = .int(now)
        subscription["cancellation_details"] = .object([
            "comment": params.object("cancellation_details")?["comment"] ?? nil,
            "feedback": params.object("cancellation_details")?["feedback"] ?? nil,
            "reason": "cancellation_requested",
        ])
        store(.subscription, subscription)
        emit("customer.subscription.deleted", subscription)
        return subscription
    }

    func listSubscriptions(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "price", "status", "created", "limit", "starting_after", "ending_before",
                          "collection_method", "current_period_end", "current_period_start", "test_clock"])
        let customer = params.string("customer"), price = params.string("price")
        let status = params.string("status")
        let statuses = ["active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due",
                        "paused", "trialing", "unpaid"]
        if let status, !statuses.contains(status) {
            throw StripeError.invalid("status", "Invalid status: must be one of \(statuses.joined(separator: ", "))")
        }
        return try list(.subscription, params, url: "/v1/subscriptions") { subscription in
            let current = subscription["status"]?.stringValue ?? ""
            let statusMatches: Bool
            switch status {
            case nil: statusMatches = current != "canceled" && current != "incomplete_expired"
            case "all": statusMatches = true
            case "ended": statusMatches = current == "canceled" || current == "incomplete_expired"
            default: statusMatches = current == status
            }
            let priceMatches = price == nil || (subscription["items"]?["data"]?.arrayValue ?? []).contains {
                $0["price"]?["id"]?.stringValue == price
            }
            return statusMatches && priceMatches && (customer == nil || subscription["customer"]?.stringValue == customer)
        }
    }
}
