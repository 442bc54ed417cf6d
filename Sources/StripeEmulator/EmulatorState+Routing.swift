extension EmulatorState {
    /// Routes one authenticated `/v1/…` request to its handler and applies `expand[]`.
    mutating func route(method: String, path: String, params: Params) throws -> JSONValue {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.first == "v1", parts.count >= 2 else {
            throw StripeError.unrecognizedURL(method: method, path: path)
        }
        let rest = Array(parts.dropFirst())
        let result = try dispatch(method: method, path: path, rest, params)
        return expanded(result, params.expand)
    }

    private mutating func dispatch(method: String, path: String, _ p: [String], _ params: Params) throws -> JSONValue {
        let unknown = StripeError.unrecognizedURL(method: method, path: path)
        switch (method, p.count, p[0]) {
        case ("GET", 1, "account"): return try retrieveAccount(params)

        case ("GET", 1, "products"): return try listProducts(params)
        case ("POST", 1, "products"): return try createProduct(params)
        case ("GET", 2, "products"): try params.allow([]); return try fetch(.product, p[1])
        case ("POST", 2, "products"): return try updateProduct(p[1], params)
        case ("DELETE", 2, "products"): return try deleteProduct(p[1])

        case ("GET", 1, "prices"): return try listPrices(params)
        case ("POST", 1, "prices"): return try createPrice(params)
        case ("GET", 2, "prices"): try params.allow([]); return try fetch(.price, p[1])
        case ("POST", 2, "prices"): return try updatePrice(p[1], params)

        case ("GET", 1, "customers"): return try listCustomers(params)
        case ("POST", 1, "customers"): return try createCustomer(params)
        case ("GET", 2, "customers"): try params.allow([]); return try retrieveCustomer(p[1])
        case ("POST", 2, "customers"): return try updateCustomer(p[1], params)
        case ("DELETE", 2, "customers"): return try deleteCustomer(p[1])
        case ("GET", 3, "customers") where p[2] == "payment_methods":
            return try listPaymentMethods(params, customer: p[1])
        case ("GET", 4, "customers") where p[2] == "payment_methods":
            try params.allow([])
            let method = try fetch(.paymentMethod, p[3])
            guard method["customer"]?.stringValue == p[1] else { throw StripeError.noSuch(ResourceKind.paymentMethod.noun, p[3]) }
            return method

        case ("GET", 1, "payment_methods"): return try listPaymentMethods(params, customer: nil)
        case ("POST", 1, "payment_methods"): return try createPaymentMethod(params)
        case ("GET", 2, "payment_methods"): try params.allow([]); return try materializePaymentMethod(p[1], param: "id")
        case ("POST", 2, "payment_methods"): return try updatePaymentMethod(p[1], params)
        case ("POST", 3, "payment_methods") where p[2] == "attach": return try attachPaymentMethod(p[1], params)
        case ("POST", 3, "payment_methods") where p[2] == "detach": return try detachPaymentMethod(p[1], params)

        case ("GET", 1, "subscriptions"): return try listSubscriptions(params)
        case ("POST", 1, "subscriptions"): return try createSubscription(params)
        case ("GET", 2, "subscriptions"): try params.allow([]); return try fetch(.subscription, p[1])
        case ("POST", 2, "subscriptions"): return try updateSubscription(p[1], params)
        case ("DELETE", 2, "subscriptions"): return try cancelSubscription(p[1], params)

        case ("GET", 2, "subscription_items"): try params.allow([]); return try fetch(.subscriptionItem, p[1])
        case ("GET", 1, "subscription_items"):
            try params.allow(["subscription", "limit", "starting_after", "ending_before"])
            let subscription = try params.requireString("subscription")
            return try list(.subscriptionItem, params, url: "/v1/subscription_items") {
                $0["subscription"]?.stringValue == subscription
            }

        case ("GET", 1, "invoices"): return try listInvoices(params)
        case ("GET", 2, "invoices"): try params.allow([]); return try fetch(.invoice, p[1])
        case ("POST", 2, "invoices"): return try updateInvoice(p[1], params)
        case ("GET", 3, "invoices") where p[2] == "lines": return try listInvoiceLines(p[1], params)

        case ("GET", 1, "invoice_payments"): return try listInvoicePayments(params)
        case ("GET", 2, "invoice_payments"): try params.allow([]); return try fetch(.invoicePayment, p[1])

        case ("GET", 1, "payment_intents"): return try listPaymentIntents(params)
        case ("POST", 1, "payment_intents"): return try createPaymentIntent(params)
        case ("GET", 2, "payment_intents"): try params.allow(["client_secret"]); return try fetch(.paymentIntent, p[1])
        case ("POST", 2, "payment_intents"): return try updatePaymentIntent(p[1], params)
        case ("POST", 3, "payment_intents") where p[2] == "confirm": return try confirmPaymentIntent(p[1], params)
        case ("POST", 3, "payment_intents") where p[2] == "capture": return try capturePaymentIntent(p[1], params)
        case ("POST", 3, "payment_intents") where p[2] == "cancel": return try cancelPaymentIntent(p[1], params)

        case ("GET", 1, "charges"): return try listCharges(params)
        case ("GET", 2, "charges"): try params.allow([]); return try fetch(.charge, p[1])
        case ("POST", 2, "charges"): return try updateCharge(p[1], params)

        case ("GET", 1, "refunds"): return try listRefunds(params)
        case ("POST", 1, "refunds"): return try createRefund(params)
        case ("GET", 2, "refunds"): try params.allow([]); return try fetch(.refund, p[1])
        case ("POST", 2, "refunds"): return try updateRefund(p[1], params)

        case ("GET", 1, "disputes"): return try listDisputes(params)
        case ("GET", 2, "disputes"): try params.allow([]); return try fetch(.dispute, p[1])
        case ("POST", 2, "disputes"): return try updateDispute(p[1], params)
        case ("POST", 3, "disputes") where p[2] == "close": return try closeDispute(p[1], params)

        case ("GET", 1, "balance_transactions"): return try listBalanceTransactions(params)
        case ("GET", 2, "balance_transactions"): try params.allow([]); return try fetch(.balanceTransaction, p[1])

        case ("GET", 1, "payouts"): return try listPayouts(params)
        case ("POST", 1, "payouts"): return try createPayout(params)
        case ("GET", 2, "payouts"): try params.allow([]); return try fetch(.payout, p[1])
        case ("POST", 2, "payouts"): return try updatePayout(p[1], params)
        case ("GET", 1, "coupons"): return try listCoupons(params)
        case ("POST", 1, "coupons"): return try createCoupon(params)
        case ("GET", 2, "coupons"): try params.allow([]); return try fetch(.coupon, p[1])
        case ("POST", 2, "coupons"): return try updateCoupon(p[1], params)
        case ("DELETE", 2, "coupons"): return try deleteCoupon(p[1])

        case ("GET", 1, "promotion_codes"): return try listPromotionCodes(params)
        case ("POST", 1, "promotion_codes"): return try createPromotionCode(params)
        case ("GET", 2, "promotion_codes"): try params.allow([]); return try fetch(.promotionCode, p[1])
        case ("POST", 2, "promotion_codes"): return try updatePromotionCode(p[1], params)

        case ("DELETE", 3, "customers") where p[2] == "discount": return try deleteCustomerDiscount(p[1])

        case ("GET", 1, "plans"): return try listPlans(params)
        case ("POST", 1, "plans"): return try createPlan(params)
        case ("GET", 2, "plans"): try params.allow([]); return try fetch(.plan, p[1])
        case ("POST", 2, "plans"): return try updatePlan(p[1], params)
        case ("DELETE", 2, "plans"): return try deletePlan(p[1])

        case ("GET", 1, "tax_rates"): return try listTaxRates(params)
        case ("POST", 1, "tax_rates"): return try createTaxRate(params)
        case ("GET", 2, "tax_rates"): try params.allow([]); return try fetch(.taxRate, p[1])
        case ("POST", 2, "tax_rates"): return try updateTaxRate(p[1], params)

        case ("GET", 1, "invoiceitems"): return try listInvoiceItems(params)
        case ("POST", 1, "invoiceitems"): return try createInvoiceItem(params)
        case ("GET", 2, "invoiceitems"): try params.allow([]); return try fetch(.invoiceItem, p[1])
        case ("POST", 2, "invoiceitems"): return try updateInvoiceItem(p[1], params)
        case ("DELETE", 2, "invoiceitems"): return try deleteInvoiceItem(p[1])

        case ("GET", 1, "setup_intents"): return try listSetupIntents(params)
        case ("POST", 1, "setup_intents"): return try createSetupIntent(params)
        case ("GET", 2, "setup_intents"): try params.allow(["client_secret"]); return try fetch(.setupIntent, p[1])
        case ("POST", 3, "setup_intents") where p[2] == "confirm": return try confirmSetupIntent(p[1], params)
        case ("POST", 3, "setup_intents") where p[2] == "cancel": return try cancelSetupIntent(p[1], params)
        case ("GET", 1, "credit_notes"): return try listCreditNotes(params)
        case ("POST", 1, "credit_notes"): return try createCreditNote(params)
        case ("GET", 2, "credit_notes"): try params.allow([]); return try fetch(.creditNote, p[1])
        case ("POST", 2, "credit_notes"): return try updateCreditNote(p[1], params)
        case ("GET", 3, "credit_notes") where p[2] == "lines": return try listCreditNoteLines(p[1], params)
        case ("POST", 3, "credit_notes") where p[2] == "void": return try voidCreditNote(p[1], params)

        case ("GET", 2, "checkout") where p[1] == "sessions": return try listCheckoutSessions(params)
        case ("POST", 2, "checkout") where p[1] == "sessions": return try createCheckoutSession(params)
        case ("GET", 3, "checkout") where p[1] == "sessions": try params.allow([]); return try fetch(.checkoutSession, p[2])
        case ("GET", 4, "checkout") where p[1] == "sessions" && p[3] == "line_items":
            return try listCheckoutLineItems(p[2], params)
        case ("POST", 4, "checkout") where p[1] == "sessions" && p[3] == "expire": return try expireCheckoutSession(p[2], params)
        case ("POST", 5, "test_helpers") where p[1] == "checkout" && p[2] == "sessions" && p[4] == "complete":
            return try completeCheckoutSession(p[3], params)

        case ("GET", 1, "events"): return try listEvents(params)
        case ("GET", 2, "events"): try params.allow([]); return try fetch(.event, p[1])

        case ("GET", 1, "webhook_endpoints"): return try listWebhookEndpoints(params)
        case ("POST", 1, "webhook_endpoints"): return try createWebhookEndpoint(params)
        case ("GET", 2, "webhook_endpoints"): try params.allow([]); return try fetch(.webhookEndpoint, p[1])
        case ("POST", 2, "webhook_endpoints"): return try updateWebhookEndpoint(p[1], params)
        case ("DELETE", 2, "webhook_endpoints"): return try deleteWebhookEndpoint(p[1])
        default: throw unknown
        }
    }
}
