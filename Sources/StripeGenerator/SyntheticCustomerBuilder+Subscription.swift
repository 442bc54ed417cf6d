/// Assembling the subscription and its items.
extension SyntheticCustomerBuilder {
    /// The subscription with its items list; in the old shape `current_period_start/end`
    /// are also on the subscription itself.
    func subscriptionObject(_ plan: SyntheticCustomerPlan, customer: SyntheticJSON,
                            paymentMethod: SyntheticJSON) -> SyntheticJSON {
        var subscription = templates.subscription
        let currency = plan.currency
        subscription["application"] = .null
        subscription["application_fee_percent"] = .null
        subscription["automatic_tax"] = ["disabled_reason": .null, "enabled": false, "liability": .null]
        subscription["billing_cycle_anchor"] = .int(plan.billingCycleAnchor)
        subscription["billing_cycle_anchor_config"] = .null
        subscription["billing_mode"] = ["flexible": .null, "type": "classic"]
        subscription["billing_schedules"] = []
        subscription["billing_thresholds"] = .null
        subscription["cancel_at"] = SyntheticJSON(plan.cancelAt)
        subscription["cancel_at_period_end"] = .bool(plan.cancelAtPeriodEnd)
        subscription["canceled_at"] = SyntheticJSON(plan.canceledAt)
        subscription["cancellation_details"] = plan.canceledAt == nil
            ? ["comment": .null, "feedback": .null, "reason": .null]
            : ["comment": .null, "feedback": plan.index % 3 == 0 ? "too_expensive" : "unused",
               "reason": "cancellation_requested"]
        subscription["collection_method"] = "charge_automatically"
        subscription["created"] = .int(plan.subscriptionCreated)
        subscription["currency"] = .string(currency)
        subscription["customer"] = customer
        subscription["customer_account"] = .null
        subscription["days_until_due"] = .null
        subscription["default_payment_method"] = paymentMethod
        subscription["default_source"] = .null
        subscription["description"] = .null
        subscription["discounts"] = []
        subscription["ended_at"] = SyntheticJSON(plan.endedAt)
        subscription["id"] = .string(plan.subscriptionID)
        var items: [SyntheticJSON] = []
        for item in plan.items {
            var object = templates.subscriptionItem
            object["billing_thresholds"] = .null
            object["created"] = .int(plan.subscriptionCreated + 1)
            object["current_period_end"] = .int(plan.currentPeriodEnd)
            object["current_period_start"] = .int(plan.currentPeriodStart)
            object["discounts"] = []
            object["id"] = .string(item.id)
            object["metadata"] = [:]
            object["plan"] = catalog.prices[item.price].plan
            object["price"] = catalog.prices[item.price].object
            object["quantity"] = .int(item.quantity)
            object["subscription"] = .string(plan.subscriptionID)
            object["tax_rates"] = []
            items.append(object)
        }
        subscription["items"] = ["data": .array(items), "has_more": false, "object": "list",
                                 "total_count": .int(items.count),
                                 "url": .string("/v1/subscription_items?subscription=\(plan.subscriptionID)")]
        subscription["latest_invoice"] = SyntheticJSON(plan.latestSubscriptionInvoiceID)
        subscription["livemode"] = false
        subscription["managed_payments"] = .null
        subscription["metadata"] = plan.index % 5 == 0 ? ["plan_source": "checkout"] : [:]
        subscription["next_pending_invoice_item_invoice"] = .null
        subscription["on_behalf_of"] = .null
        subscription["pause_collection"] = .null
        subscription["pending_invoice_item_interval"] = .null
        subscription["pending_setup_intent"] = .null
        subscription["pending_update"] = .null
        subscription["schedule"] = .null
        subscription["start_date"] = .int(plan.subscriptionCreated)
        subscription["status"] = .string(plan.status)
        subscription["test_clock"] = .null
        subscription["transfer_data"] = .null
        subscription["trial_end"] = SyntheticJSON(plan.trialEnd)
        subscription["trial_start"] = SyntheticJSON(plan.trialStart)
        if plan.oldSubscriptionShape {
            subscription["current_period_end"] = .int(plan.currentPeriodEnd)
            subscription["current_period_start"] = .int(plan.currentPeriodStart)
        }
        return subscription
    }
}
