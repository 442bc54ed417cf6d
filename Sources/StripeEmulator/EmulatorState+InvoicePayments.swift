extension EmulatorState {
    /// The fields that API version 2025-03-31.basil removed from invoices (the invoice payments
    /// hold the link now).
    static let removedInvoiceFields = ["payment_intent", "charge", "paid", "paid_out_of_band"]

    /// A new, open invoice payment linking `invoice` to `paymentIntent` (not stored).
    mutating func newInvoicePayment(invoice: JSONValue, paymentIntent: String, isDefault: Bool) -> JSONValue {
        .object([
            "id": .string(newID(.invoicePayment)), "object": "invoice_payment", "amount_paid": nil,
            "amount_requested": invoice["amount_due"] ?? 0, "created": .int(now()),
            "currency": invoice["currency"] ?? "usd", "invoice": invoice["id"] ?? nil,
            "is_default": .bool(isDefault), "livemode": false,
            "payment": .object(["type": "payment_intent", "payment_intent": .string(paymentIntent)]),
            "status": "open", "status_transitions": .object(["canceled_at": nil, "paid_at": nil]),
        ])
    }

    /// `payment` marked paid for `amount` at `time`.
    func paid(_ payment: JSONValue, amount: Int, at time: Int) -> JSONValue {
        var payment = payment
        payment["status"] = "paid"
        payment["amount_paid"] = .int(amount)
        payment["status_transitions"]?["paid_at"] = .int(time)
        return payment
    }

    /// `GET /v1/invoice_payments`: every invoice payment, or one invoice's, newest first.
    func listInvoicePayments(_ params: Params) throws -> JSONValue {
        try params.allow(["invoice", "status", "payment", "created", "limit", "starting_after", "ending_before"])
        let invoice = params.string("invoice"), status = params.string("status")
        let payment = params.object("payment")
        let type = payment?["type"]?.stringValue, intent = payment?["payment_intent"]?.stringValue
        return try list(.invoicePayment, params, url: "/v1/invoice_payments") { object in
            (invoice == nil || object["invoice"]?.stringValue == invoice)
                && (status == nil || object["status"]?.stringValue == status)
                && (type == nil || object["payment"]?["type"]?.stringValue == type)
                && (intent == nil || object["payment"]?["payment_intent"]?.stringValue == intent)
        }
    }

    /// The `payments` list an invoice includes when expanded (`expand[]=payments`).
    func paymentsSummary(_ invoiceID: String) -> JSONValue {
        let payments = table(.invoicePayment).newestFirst.filter { $0["invoice"]?.stringValue == invoiceID }
        return .object(["object": "list", "data": .array(Array(payments.prefix(10))), "has_more": .bool(payments.count > 10),
                        "total_count": .int(payments.count), "url": .string("/v1/invoice_payments?invoice=\(invoiceID)")])
    }

    /// Serves seeded objects in the basil/clover shape: an invoice that names its payment intent
    /// (or charge) gets an invoice payment for it, unless a seeded invoice payment already covers
    /// the invoice; then invoices lose `payment_intent`, `charge`, `paid` and `paid_out_of_band`,
    /// and charges and payment intents their `invoice`.
    mutating func convertSeededInvoicesToBasil() {
        let covered = Set(table(.invoicePayment).order.compactMap { table(.invoicePayment)[$0]?["invoice"]?.stringValue })
        for id in table(.invoice).order {
            guard var invoice = table(.invoice)[id] else { continue }
            if !covered.contains(id), let payment = seededInvoicePayment(for: invoice) {
                store(.invoicePayment, payment)
            }
            guard Self.removedInvoiceFields.contains(where: { invoice[$0] != nil }) else { continue }
            for field in Self.removedInvoiceFields { invoice[field] = Optional<JSONValue>.none }
            store(.invoice, invoice)
        }
        for kind in [ResourceKind.charge, .paymentIntent] {
            for id in table(kind).order {
                guard var object = table(kind)[id], object["invoice"] != nil else { continue }
                object["invoice"] = Optional<JSONValue>.none
                store(kind, object)
            }
        }
    }

    /// The invoice payment a seeded old-shape invoice implies, if it names a payment.
    private mutating func seededInvoicePayment(for invoice: JSONValue) -> JSONValue? {
        func reference(_ value: JSONValue?) -> String? { value?.stringValue ?? value?["id"]?.stringValue }
        let intentID = reference(invoice["payment_intent"]), chargeID = reference(invoice["charge"])
        guard intentID != nil || chargeID != nil else { return nil }
        let intent = intentID.flatMap { table(.paymentIntent)[$0] }
        let isPaid = invoice["status"]?.stringValue == "paid"
        let canceled = intent?["status"]?.stringValue == "canceled"
        let created = intent?["created"]?.intValue ?? invoice["created"]?.intValue ?? 0
        let payment: JSONValue
        if let intentID {
            payment = .object(["type": "payment_intent", "payment_intent": .string(intentID)])
        } else {
            payment = .object(["type": "charge", "charge": .string(chargeID!)])
        }
        let status: JSONValue = isPaid ? "paid" : canceled ? "canceled" : "open"
        let amountPaid: JSONValue = isPaid ? invoice["amount_paid"] ?? .null : .null
        let canceledAt: JSONValue = canceled ? intent?["canceled_at"] ?? .null : .null
        let paidAt: JSONValue = isPaid ? invoice["status_transitions"]?["paid_at"] ?? .null : .null
        var members: [String: JSONValue] = [
            "id": .string(newID(.invoicePayment)), "object": "invoice_payment", "created": .int(created),
            "is_default": true, "payment": payment, "status": status, "amount_paid": amountPaid,
        ]
        members["amount_requested"] = invoice["amount_due"] ?? .null
        members["currency"] = invoice["currency"] ?? .null
        members["invoice"] = invoice["id"] ?? .null
        members["livemode"] = invoice["livemode"] ?? .bool(false)
        members["status_transitions"] = .object(["canceled_at": canceledAt, "paid_at": paidAt])
        return .object(members)
    }
}
