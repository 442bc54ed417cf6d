extension PopulateFixture {
    /// Checks credit notes (on an active subscription's paid first invoice, at most its amount,
    /// with a reason Stripe accepts) and checkout sessions (a customer that stays, one currency,
    /// one-time prices for `payment`, recurring ones for `subscription`).
    func validateCreditNotesAndCheckoutSessions(file: String) throws {
        func fail(_ key: String, _ reason: String) -> PopulateError { .fixture(file: file, key: key, reason: reason) }
        let pricesByKey = Dictionary(uniqueKeysWithValues: prices.map { ($0.key, $0) })
        let subscriptionsByKey = Dictionary(uniqueKeysWithValues: subscriptions.map { ($0.key, $0) })
        let customersByKey = Dictionary(uniqueKeysWithValues: customers.map { ($0.key, $0) })
        for note in creditNotes {
            guard let subscription = subscriptionsByKey[note.subscription] else {
                throw fail(note.key, "subscription '\(note.subscription)' is not a fixture subscription")
            }
            guard subscription.finalStatus == "active" else {
                throw fail(note.key, "subscription '\(subscription.key)' is \(subscription.finalStatus); only an active one has a paid invoice to credit")
            }
            guard !note.lines.isEmpty else { throw fail(note.key, "lines is empty") }
            for line in note.lines {
                guard !line.description.isEmpty else { throw fail(note.key, "a line's description is empty") }
                guard line.unitAmount >= 1, (line.quantity ?? 1) >= 1 else {
                    throw fail(note.key, "a line's unit_amount and quantity must be at least 1")
                }
            }
            let invoiced = subscription.items.reduce(0) { $0 + (pricesByKey[$1.price]?.unitAmount ?? 0) * ($1.quantity ?? 1) }
            guard note.total <= invoiced else {
                throw fail(note.key, "the lines total \(note.total), more than the \(invoiced) the first invoice of '\(subscription.key)' is for")
            }
            if let reason = note.reason, !FixtureCreditNote.reasons.contains(reason) {
                throw fail(note.key, "reason '\(reason)' is not one of \(FixtureCreditNote.reasons.sorted().joined(separator: ", "))")
            }
        }
        for session in checkoutSessions {
            guard let customer = customersByKey[session.customer] else {
                throw fail(session.key, "customer '\(session.customer)' is not a fixture customer")
            }
            guard !customer.endsDeleted else { throw fail(session.key, "customer '\(customer.key)' is deleted at the end") }
            guard FixtureCheckoutSession.modes.contains(session.mode) else {
                throw fail(session.key, "mode '\(session.mode)' is not payment or subscription")
            }
            guard !session.lineItems.isEmpty else { throw fail(session.key, "line_items is empty") }
            var currencies: Set<String> = []
            for item in session.lineItems {
                guard let price = pricesByKey[item.price] else { throw fail(session.key, "price '\(item.price)' is not a fixture price") }
                guard (price.recurring != nil) == (session.mode == "subscription") else {
                    throw fail(session.key, "price '\(item.price)' is \(price.recurring == nil ? "one-time" : "recurring"); mode \(session.mode) needs \(session.mode == "subscription" ? "recurring" : "one-time") prices")
                }
                guard (item.quantity ?? 1) >= 1 else { throw fail(session.key, "quantity must be at least 1") }
                currencies.insert(price.currency)
            }
            guard currencies.count == 1 else { throw fail(session.key, "line items must share one currency") }
        }
    }
}
