import StripeSchema

/// Assembling invoices and their line items.
extension SyntheticCustomerBuilder {
    /// The invoice with its lines list. Current shape: the subscription under
    /// `parent.subscription_details`, no top-level `subscription` or `payment_intent`. Old
    /// shape: top-level `subscription`, `payment_intent`, `charge` and `paid`, no `parent`.
    func invoiceObject(_ invoice: SyntheticInvoicePlan, _ plan: SyntheticCustomerPlan,
                       customer: SyntheticJSON) -> SyntheticJSON {
        var object = templates.invoice
        let total = invoice.total
        let subscriptionID: SyntheticJSON = invoice.billsSubscription ? .string(plan.subscriptionID) : .null
        let hostedToken = "test_" + SyntheticIDFactory.base62Digits(SyntheticRandom.mix(ids.seed ^ SyntheticIDFactory.hash(invoice.id)), count: 11)
        object["account_country"] = "US"
        object["account_name"] = "Synthetic Labs, Inc."
        object["account_tax_ids"] = .null
        object["amount_due"] = .int(total)
        object["amount_overpaid"] = 0
        object["amount_paid"] = .int(invoice.paid ? total : 0)
        object["amount_remaining"] = .int(invoice.paid ? 0 : total)
        object["amount_shipping"] = 0
        object["attempt_count"] = .int(total > 0 ? 1 : 0)
        object["attempted"] = .bool(total > 0 || invoice.paid)
        object["auto_advance"] = .bool(!invoice.paid)
        object["automatic_tax"] = ["disabled_reason": .null, "enabled": false, "liability": .null, "provider": .null, "status": .null]
        object["billing_reason"] = .string(invoice.billingReason)
        object["collection_method"] = "charge_automatically"
        object["created"] = .int(invoice.created)
        object["currency"] = .string(plan.currency)
        object["customer"] = customer
        object["customer_address"] = plan.address
        object["customer_email"] = .string(plan.email)
        object["customer_name"] = .string(plan.name)
        object["customer_phone"] = .string(plan.phone)
        object["customer_shipping"] = .null
        object["customer_tax_exempt"] = "none"
        object["default_payment_method"] = .null
        object["description"] = invoice.billingReason == "manual" ? "Thank you for your business." : .null
        object["due_date"] = .null
        object["effective_at"] = .int(invoice.finalizedAt)
        object["ending_balance"] = 0
        object["from_invoice"] = .null
        object["hosted_invoice_url"] = .string("https://invoice.stripe.com/i/acct_\(ids.accountTag)/\(hostedToken)")
        object["id"] = .string(invoice.id)
        object["invoice_pdf"] = .string("https://pay.stripe.com/invoice/acct_\(ids.accountTag)/\(hostedToken)/pdf?s=ap")
        object["last_finalization_error"] = .null
        object["lines"] = ["data": .array(invoice.lines.map { lineObject($0, invoice, plan) }), "has_more": false,
                           "object": "list", "total_count": .int(invoice.lines.count),
                           "url": .string("/v1/invoices/\(invoice.id)/lines")]
        object["livemode"] = false
        object["metadata"] = [:]
        object["next_payment_attempt"] = invoice.paid ? .null : .int(invoice.finalizedAt + 3 * CivilCalendar.day)
        object["number"] = .string(invoice.number)
        object["period_end"] = .int(invoice.periodEnd)
        object["period_start"] = .int(invoice.periodStart)
        object["receipt_number"] = .null
        object["rendering"] = ["amount_tax_display": .null, "pdf": ["page_size": "auto"], "template": .null, "template_version": .null]
        object["shipping_cost"] = .null
        object["shipping_details"] = .null
        object["status"] = invoice.paid ? "paid" : "open"
        object["status_transitions"] = ["finalized_at": .int(invoice.finalizedAt), "marked_uncollectible_at": .null,
                                        "paid_at": SyntheticJSON(invoice.paidAt), "voided_at": .null]
        object["subtotal"] = .int(total)
        object["subtotal_excluding_tax"] = .int(total)
        object["test_clock"] = .null
        object["total"] = .int(total)
        object["total_excluding_tax"] = .int(total)
        object["total_pretax_credit_amounts"] = []
        object["total_taxes"] = []
        object["webhooks_delivered_at"] = .int(invoice.created + 2)
        if invoice.oldShape {
            object["parent"] = nil
            object["subscription"] = subscriptionID
            object["payment_intent"] = SyntheticJSON(invoice.paymentIntentID)
            object["charge"] = SyntheticJSON(invoice.chargeID)
            object["paid"] = .bool(invoice.paid)
            object["paid_out_of_band"] = false
        } else {
            object["subscription"] = nil
            object["parent"] = invoice.billsSubscription
                ? ["quote_details": .null, "subscription_details": ["metadata": [:], "subscription": subscriptionID],
                   "type": "subscription_details"]
                : .null
        }
        return object
    }

    /// One invoice line. Current shape: `pricing.price_details` and `parent`; old shape: an
    /// expanded `price`, `type`, `subscription`, `subscription_item` and `proration`.
    func lineObject(_ line: SyntheticLinePlan, _ invoice: SyntheticInvoicePlan, _ plan: SyntheticCustomerPlan) -> SyntheticJSON {
        let price = catalog.prices[line.price]
        let subscriptionID: SyntheticJSON = invoice.billsSubscription ? .string(plan.subscriptionID) : .null
        var object = templates.lineItem
        object["amount"] = .int(line.amount)
        object["currency"] = .string(plan.currency)
        object["description"] = .string(line.description)
        object["discount_amounts"] = []
        object["discountable"] = true
        object["discounts"] = []
        object["id"] = .string(line.id)
        object["invoice"] = .string(invoice.id)
        object["livemode"] = false
        object["metadata"] = [:]
        object["period"] = ["end": .int(line.periodEnd), "start": .int(line.periodStart)]
        object["pretax_credit_amounts"] = []
        object["quantity"] = .int(line.quantity)
        object["quantity_decimal"] = .string(String(line.quantity))
        object["subtotal"] = .int(line.amount)
        object["taxes"] = []
        if invoice.oldShape {
            object["parent"] = nil
            object["pricing"] = nil
            object["amount_excluding_tax"] = .int(line.amount)
            object["invoice_item"] = SyntheticJSON(line.invoiceItemID)
            object["price"] = price.object
            object["proration"] = false
            object["proration_details"] = ["credited_items": .null]
            object["subscription"] = subscriptionID
            object["subscription_item"] = SyntheticJSON(line.subscriptionItemID)
            object["tax_amounts"] = []
            object["tax_rates"] = []
            object["type"] = line.subscriptionItemID == nil ? "invoiceitem" : "subscription"
            object["unit_amount_excluding_tax"] = .string(String(line.quantity == 0 ? 0 : line.amount / line.quantity))
        } else {
            object["subscription"] = .null
            object["pricing"] = ["price_details": ["price": .string(price.id), "product": .string(price.productID)],
                                 "type": "price_details", "unit_amount_decimal": .string(String(price.unitAmount))]
            if let subscriptionItemID = line.subscriptionItemID {
                object["parent"] = [
                    "invoice_item_details": .null, "type": "subscription_item_details",
                    "subscription_item_details": ["invoice_item": .null, "proration": false,
                                                  "proration_details": ["credited_items": .null],
                                                  "subscription": subscriptionID,
                                                  "subscription_item": .string(subscriptionItemID)],
                ]
            } else {
                object["parent"] = [
                    "invoice_item_details": ["invoice_item": SyntheticJSON(line.invoiceItemID), "proration": false,
                                             "proration_details": ["credited_items": .null],
                                             "subscription": subscriptionID],
                    "subscription_item_details": .null, "type": "invoice_item_details",
                ]
            }
        }
        return object
    }
}
