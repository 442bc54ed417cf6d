import StripeSchema

/// Assembling the payment intents and charges that paid the invoices.
extension SyntheticCustomerBuilder {
    /// The succeeded payment intent that paid `invoice`; in the old shape it names the invoice.
    func paymentIntentObject(_ invoice: SyntheticInvoicePlan, _ plan: SyntheticCustomerPlan, id: String,
                             chargeID: String, customer: SyntheticJSON, paymentMethod: SyntheticJSON) -> SyntheticJSON {
        let total = invoice.total
        var intent = templates.paymentIntent
        intent["amount"] = .int(total)
        intent["amount_capturable"] = 0
        intent["amount_details"] = ["tip": [:]]
        intent["amount_received"] = .int(total)
        intent["application"] = .null
        intent["application_fee_amount"] = .null
        intent["automatic_payment_methods"] = .null
        intent["canceled_at"] = .null
        intent["cancellation_reason"] = .null
        intent["capture_method"] = "automatic"
        intent["client_secret"] = .string(id + "_secret_" + SyntheticIDFactory.base62Digits(
            SyntheticRandom.mix(ids.seed ^ SyntheticIDFactory.hash(id)), count: 11) + "mKz4dQ0c7yA3vW8r2")
        intent["confirmation_method"] = "automatic"
        intent["created"] = .int(invoice.paymentIntentCreated)
        intent["currency"] = .string(plan.currency)
        intent["customer"] = customer
        intent["customer_account"] = .null
        intent["description"] = .string(paymentDescription(invoice))
        intent["excluded_payment_method_types"] = .null
        intent["id"] = .string(id)
        intent["last_payment_error"] = .null
        intent["latest_charge"] = .string(chargeID)
        intent["livemode"] = false
        intent["managed_payments"] = .null
        intent["metadata"] = [:]
        intent["next_action"] = .null
        intent["on_behalf_of"] = .null
        intent["payment_method"] = paymentMethod
        intent["payment_method_configuration_details"] = .null
        intent["payment_method_options"] = ["card": ["installments": .null, "mandate_options": .null, "network": .null,
                                                     "request_three_d_secure": "automatic"]]
        intent["payment_method_types"] = ["card"]
        intent["processing"] = .null
        intent["receipt_email"] = plan.index % 2 == 0 ? .string(plan.email) : .null
        intent["review"] = .null
        intent["setup_future_usage"] = "off_session"
        intent["shipping"] = .null
        intent["source"] = .null
        intent["statement_descriptor"] = .null
        intent["statement_descriptor_suffix"] = .null
        intent["status"] = "succeeded"
        intent["transfer_data"] = .null
        intent["transfer_group"] = .null
        if invoice.oldShape { intent["invoice"] = .string(invoice.id) }
        return intent
    }

    /// The paid, default invoice payment linking `invoice` to its payment intent: from API version
    /// 2025-03-31.basil the only link between them; Stripe lists one for invoices of either shape.
    func invoicePaymentObject(_ invoice: SyntheticInvoicePlan, _ plan: SyntheticCustomerPlan,
                              paymentIntentID: String) -> SyntheticJSON {
        let ordinal = plan.index * SyntheticCustomerBuilder.ordinalStride + (plan.invoices.firstIndex { $0.id == invoice.id } ?? 0)
        return [
            "amount_paid": .int(invoice.total), "amount_requested": .int(invoice.total),
            "created": .int(invoice.paymentIntentCreated), "currency": .string(plan.currency),
            "id": .string(ids.id("inpay", ordinal)), "invoice": .string(invoice.id), "is_default": true,
            "livemode": false, "object": "invoice_payment",
            "payment": ["payment_intent": .string(paymentIntentID), "type": "payment_intent"],
            "status": "paid",
            "status_transitions": ["canceled_at": .null, "paid_at": invoice.paidAt.map { .int($0) } ?? .null],
        ]
    }

    /// The succeeded, captured charge of the payment intent; about one in ten is partly or
    /// fully refunded. In the old shape it names the invoice.
    func chargeObject(_ invoice: SyntheticInvoicePlan, _ plan: SyntheticCustomerPlan, id: String,
                      paymentIntentID: String, customer: SyntheticJSON, random: inout SyntheticRandom) -> SyntheticJSON {
        let amount = invoice.total
        let ordinal = plan.index * SyntheticCustomerBuilder.ordinalStride + (plan.invoices.firstIndex { $0.id == invoice.id } ?? 0)
        var refunded = 0
        var refunds: [SyntheticJSON] = []
        if random.chance(0.1) {
            refunded = amount < 2 || random.chance(0.4) ? amount : random.int(in: 1...(amount - 1))
            let earliest = invoice.chargeCreated + 60
            let latest = max(earliest, min(invoice.chargeCreated + 20 * CivilCalendar.day,
                                           SyntheticCustomerBuilder.asOf - 60))
            refunds.append([
                "amount": .int(refunded), "balance_transaction": .string(ids.id("txn", ordinal * 2 + 1)),
                "charge": .string(id), "created": .int(random.int(in: earliest...latest)),
                "currency": .string(plan.currency), "destination_details": .null, "id": .string(ids.id("re", ordinal)),
                "metadata": [:], "object": "refund", "payment_intent": .string(paymentIntentID),
                "reason": "requested_by_customer", "receipt_number": .null,
                "source_transfer_reversal": .null, "status": "succeeded", "transfer_reversal": .null,
            ])
        }
        var charge = templates.charge
        charge["amount"] = .int(amount)
        charge["amount_captured"] = .int(amount)
        charge["amount_refunded"] = .int(refunded)
        charge["application"] = .null
        charge["application_fee"] = .null
        charge["application_fee_amount"] = .null
        charge["balance_transaction"] = .string(ids.id("txn", ordinal * 2))
        charge["billing_details"] = billingDetails(plan)
        charge["calculated_statement_descriptor"] = "SYNTHETIC LABS"
        charge["captured"] = true
        charge["created"] = .int(invoice.chargeCreated)
        charge["currency"] = .string(plan.currency)
        charge["customer"] = customer
        charge["description"] = .string(paymentDescription(invoice))
        charge["disputed"] = false
        charge["failure_balance_transaction"] = .null
        charge["failure_code"] = .null
        charge["failure_message"] = .null
        charge["fraud_details"] = [:]
        charge["id"] = .string(id)
        charge["livemode"] = false
        charge["metadata"] = [:]
        charge["on_behalf_of"] = .null
        charge["outcome"] = ["advice_code": .null, "network_advice_code": .null, "network_decline_code": .null,
                             "network_status": "approved_by_network", "reason": .null, "risk_level": "normal",
                             "risk_score": .int(random.int(in: 5...60)), "seller_message": "Payment complete.",
                             "type": "authorized"]
        charge["paid"] = true
        charge["payment_intent"] = .string(paymentIntentID)
        charge["payment_method"] = .string(plan.paymentMethodID)
        if var details = charge["payment_method_details"], var card = details["card"] {
            card["amount_authorized"] = .int(amount)
            card["authorization_code"] = .string(String(random.int(in: 100_000...999_999)))
            card["brand"] = .string(plan.cardBrand)
            card["checks"] = ["address_line1_check": "pass", "address_postal_code_check": "pass", "cvc_check": "pass"]
            card["country"] = .string(plan.country)
            card["exp_month"] = .int(plan.cardExpMonth)
            card["exp_year"] = .int(plan.cardExpYear)
            card["fingerprint"] = .string(plan.cardFingerprint)
            card["funding"] = .string(plan.cardFunding)
            card["installments"] = .null
            card["last4"] = .string(plan.cardLast4)
            card["network"] = .string(plan.cardBrand)
            card["network_transaction_id"] = .string(String(random.int(in: 100_000_000_000_000...999_999_999_999_999)))
            card["overcapture"] = ["maximum_amount_capturable": .int(amount), "status": "unavailable"]
            card["regulated_status"] = "unregulated"
            card["three_d_secure"] = .null
            card["wallet"] = .null
            details["card"] = card
            charge["payment_method_details"] = details
        }
        charge["receipt_email"] = .string(plan.email)
        charge["receipt_number"] = .null
        charge["receipt_url"] = .string("https://pay.stripe.com/receipts/invoices/\(ids.accountTag)\(id.dropFirst(3).prefix(12))?s=ap")
        charge["refunded"] = .bool(refunded > 0 && refunded == amount)
        charge["refunds"] = ["data": .array(refunds), "has_more": false, "object": "list",
                             "total_count": .int(refunds.count), "url": .string("/v1/charges/\(id)/refunds")]
        charge["review"] = .null
        charge["shipping"] = .null
        charge["source"] = .null
        charge["source_transfer"] = .null
        charge["statement_descriptor"] = .null
        charge["statement_descriptor_suffix"] = .null
        charge["status"] = "succeeded"
        charge["transfer_data"] = .null
        charge["transfer_group"] = .null
        if invoice.oldShape { charge["invoice"] = .string(invoice.id) }
        return charge
    }

    /// The description Stripe gives the payment of an invoice.
    func paymentDescription(_ invoice: SyntheticInvoicePlan) -> String {
        switch invoice.billingReason {
        case "subscription_create": return "Subscription creation"
        case "subscription_cycle": return "Subscription update"
        default: return "Payment for Invoice"
        }
    }
}
