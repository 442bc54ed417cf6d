import StripeHTTP

extension Populator {
    /// Finds each fixture credit note among its customer's credit notes (so one issued before
    /// `--force` recreated the subscription is found again), or issues it on the latest invoice
    /// of its subscription; on a paid invoice the credit is out of band (no refund or customer
    /// balance is touched).
    func populateCreditNotes() {
        for note in fixture.creditNotes {
            let customerKey = fixture.subscriptions.first { $0.key == note.subscription }?.customer ?? ""
            handle(.creditNotes, note.key, requires: [note.subscription, customerKey], expected: {
                ["status": "issued", "total": .int(note.total), "reason": note.reason.map { .string($0) } ?? .null]
            }) { step in
                let customerID = ids[customerKey]!
                let listed = try step.call("list credit notes of \(customerID)") {
                    try api.list("/v1/credit_notes", [("customer", .string(customerID))])
                }
                if let found = listed.first(where: { fixtureKey($0) == note.key }) {
                    return (try step.id(of: found, action: "list"), .skipped)
                }
                let subscriptionID = ids[note.subscription]!
                let subscription = try step.call("retrieve subscription \(subscriptionID)") {
                    try api.get("/v1/subscriptions/\(subscriptionID)")
                }
                guard let invoiceID = stripeID(subscription["latest_invoice"]) ?? subscription["latest_invoice"]?.stringValue else {
                    throw PopulateError.unexpectedResponse(resource: step.resource.rawValue, key: note.key,
                                                           reason: "subscription \(subscriptionID) has no invoice to credit")
                }
                let invoice = try step.call("retrieve invoice \(invoiceID)") { try api.get("/v1/invoices/\(invoiceID)") }
                var params: [(String, FormValue)] = [("invoice", .string(invoiceID))]
                let lines: [FormValue] = note.lines.map { line in
                    .object([("type", "custom_line_item"), ("description", .string(line.description)),
                             ("unit_amount", .string(String(line.unitAmount))), ("quantity", .string(String(line.quantity ?? 1)))])
                }
                params.append(("lines", .array(lines)))
                if invoice["status"]?.stringValue == "paid" { params.append(("out_of_band_amount", .string(String(note.total)))) }
                if let reason = note.reason { params.append(("reason", .string(reason))) }
                if let memo = note.memo { params.append(("memo", .string(memo))) }
                params.append(("metadata", metadata(note.key, note.metadata)))
                let created = try step.call("create") {
                    try api.create("/v1/credit_notes", params, idempotencyKey: PopulateIdempotency.key(
                        "credit-note", fixtureKey: note.key, parameters: params))
                }
                return (try step.id(of: created, action: "create"), .created)
            }
        }
    }

    /// Finds each fixture checkout session among its customer's sessions, or creates it (open,
    /// with its line items).
    func populateCheckoutSessions() {
        for session in fixture.checkoutSessions {
            handle(.checkoutSessions, session.key, requires: [session.customer] + session.lineItems.map(\.price), expected: {
                ["mode": .string(session.mode), "customer": idValue(session.customer)]
            }) { step in
                let customerID = ids[session.customer]!
                let listed = try step.call("list checkout sessions of \(customerID)") {
                    try api.list("/v1/checkout/sessions", [("customer", .string(customerID))])
                }
                if let found = listed.first(where: { fixtureKey($0) == session.key }) {
                    return (try step.id(of: found, action: "list"), .skipped)
                }
                let items: [FormValue] = session.lineItems.map { item in
                    .object([("price", .string(ids[item.price]!)), ("quantity", .string(String(item.quantity ?? 1)))])
                }
                let params: [(String, FormValue)] = [
                    ("mode", .string(session.mode)), ("customer", .string(customerID)), ("line_items", .array(items)),
                    ("success_url", "https://example.com/checkout/success"),
                    ("metadata", metadata(session.key, session.metadata)),
                ]
                let created = try step.call("create") {
                    try api.create("/v1/checkout/sessions", params, idempotencyKey: PopulateIdempotency.key(
                        "checkout-session", fixtureKey: session.key, parameters: params))
                }
                return (try step.id(of: created, action: "create"), .created)
            }
        }
    }
}
