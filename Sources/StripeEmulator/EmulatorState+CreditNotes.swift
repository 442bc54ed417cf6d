extension EmulatorState {
    static let creditNoteFields: Set<String> = [
        "invoice", "lines", "amount", "reason", "memo", "metadata", "credit_amount", "refund_amount",
        "out_of_band_amount", "effective_at", "email_type",
    ]

    /// Issues a credit note on an open (pre-payment: lowers what is due) or paid (post-payment)
    /// invoice, from `lines[]` (`invoice_line_item` with `quantity` or `amount`, or
    /// `custom_line_item` with `unit_amount`, `quantity` and `description`) or one `amount`.
    /// The invoice's credited total may not exceed its total. Emits `credit_note.created` and
    /// `invoice.updated`.
    mutating func createCreditNote(_ params: Params) throws -> JSONValue {
        try params.allow(Self.creditNoteFields)
        let invoiceID = try params.requireString("invoice")
        let oldInvoice = try fetch(.invoice, invoiceID, param: "invoice")
        let status = oldInvoice["status"]?.stringValue ?? ""
        guard status == "open" || status == "paid" else {
            throw StripeError.invalid("invoice", "You can only create a credit note on an open or paid invoice; \(invoiceID) is \(status).")
        }
        let id = newID(.creditNote)
        let currency = oldInvoice["currency"]?.stringValue ?? "usd"
        var lines = try creditNoteLines(params, invoiceID: invoiceID, currency: currency)
        if lines.isEmpty, let amount = try params.int("amount") {
            lines = [creditNoteLine(type: "custom_line_item", amount: amount, quantity: 1, unitAmount: amount,
                                    description: "Credit", invoiceLine: nil)]
        }
        guard !lines.isEmpty else { throw StripeError.missing("lines") }
        let amount = lines.reduce(0) { $0 + ($1["amount"]?.intValue ?? 0) }
        let prepayment = status == "open"
        let credited = (oldInvoice["pre_payment_credit_notes_amount"]?.intValue ?? 0)
            + (oldInvoice["post_payment_credit_notes_amount"]?.intValue ?? 0)
        let limit = prepayment ? (oldInvoice["amount_remaining"]?.intValue ?? 0) : (oldInvoice["total"]?.intValue ?? 0) - credited
        guard amount > 0, amount <= limit else {
            throw StripeError.invalid("lines", "The credit note's total (\(amount)) must be positive and at most \(limit), what the invoice still allows.")
        }
        let sequence = table(.creditNote).newestFirst.filter { $0["invoice"]?.stringValue == invoiceID }.count + 1
        let now = now()
        for line in lines { parentOf[line["id"]!.stringValue!] = id; store(.creditNoteLine, line) }
        let note: JSONValue = .object([
            "id": .string(id), "object": "credit_note", "amount": .int(amount), "amount_shipping": 0,
            "created": .int(now), "currency": .string(currency), "customer": oldInvoice["customer"] ?? nil,
            "customer_account": nil, "customer_balance_transaction": nil, "discount_amount": 0,
            "discount_amounts": .array([]), "effective_at": .int(try params.int("effective_at") ?? now),
            "invoice": .string(invoiceID), "lines": creditNoteLinesSummary(id), "livemode": false,
            "memo": params.string("memo").map { .string($0) } ?? nil, "metadata": try params.metadata(updating: nil),
            "number": .string("\(oldInvoice["number"]?.stringValue ?? "EMU")-CN-\(sequence < 10 ? "0" : "")\(sequence)"),
            "out_of_band_amount": try params.int("out_of_band_amount").map { .int($0) } ?? nil,
            "pdf": .string("http://127.0.0.1/credit_notes/\(id)/pdf"),
            "post_payment_amount": .int(prepayment ? 0 : amount), "pre_payment_amount": .int(prepayment ? amount : 0),
            "pretax_credit_amounts": .array([]),
            "reason": params.string("reason").map { .string($0) } ?? nil, "refunds": .array([]), "shipping_cost": nil,
            "status": "issued", "subtotal": .int(amount), "subtotal_excluding_tax": .int(amount), "total": .int(amount),
            "total_excluding_tax": .int(amount), "total_taxes": .array([]),
            "type": prepayment ? "pre_payment" : "post_payment", "voided_at": nil,
        ])
        store(.creditNote, note)
        emit("credit_note.created", note)
        var invoice = oldInvoice
        if prepayment {
            invoice["pre_payment_credit_notes_amount"] = .int((oldInvoice["pre_payment_credit_notes_amount"]?.intValue ?? 0) + amount)
            invoice["amount_due"] = .int((oldInvoice["amount_due"]?.intValue ?? 0) - amount)
            invoice["amount_remaining"] = .int((oldInvoice["amount_remaining"]?.intValue ?? 0) - amount)
        } else {
            invoice["post_payment_credit_notes_amount"] = .int((oldInvoice["post_payment_credit_notes_amount"]?.intValue ?? 0) + amount)
        }
        update(.invoice, from: oldInvoice, to: invoice)
        return note
    }

    /// The lines of a credit note from `lines[]`, not stored.
    private mutating func creditNoteLines(_ params: Params, invoiceID: String, currency: String) throws -> [JSONValue] {
        guard let raw = params.values["lines"] else { return [] }
        let entries = raw.arrayValue ?? raw.objectValue?.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map(\.value) ?? []
        var lines: [JSONValue] = []
        for (index, entry) in entries.enumerated() {
            let field = "lines[\(index)]"
            let quantity = entry["quantity"]?.intValue ?? 1
            switch entry["type"]?.stringValue {
            case "invoice_line_item":
                guard let lineID = entry["invoice_line_item"]?.stringValue, let invoiceLine = table(.lineItem)[lineID],
                      invoiceLine["invoice"]?.stringValue == invoiceID else {
                    throw StripeError.invalid("\(field)[invoice_line_item]", "No such invoice line item on \(invoiceID).")
                }
                let lineQuantity = max(invoiceLine["quantity"]?.intValue ?? 1, 1)
                let unit = (invoiceLine["amount"]?.intValue ?? 0) / lineQuantity
                let amount = entry["amount"]?.intValue ?? unit * quantity
                lines.append(creditNoteLine(type: "invoice_line_item", amount: amount, quantity: quantity, unitAmount: nil,
                                            description: invoiceLine["description"]?.stringValue, invoiceLine: lineID))
            case "custom_line_item":
                guard let unit = entry["unit_amount"]?.intValue else { throw StripeError.missing("\(field)[unit_amount]") }
                guard let description = entry["description"]?.stringValue, !description.isEmpty else {
                    throw StripeError.missing("\(field)[description]")
                }
                lines.append(creditNoteLine(type: "custom_line_item", amount: unit * quantity, quantity: quantity,
                                            unitAmount: unit, description: description, invoiceLine: nil))
            default:
                throw StripeError.invalid("\(field)[type]", "Invalid \(field)[type]: must be one of invoice_line_item or custom_line_item")
            }
        }
        return lines
    }

    private func creditNoteLine(type: String, amount: Int, quantity: Int, unitAmount: Int?, description: String?,
                                invoiceLine: String?) -> JSONValue {
        var line: [String: JSONValue] = [
            "id": .string(newID(.creditNoteLine)), "object": "credit_note_line_item", "amount": .int(amount),
            "description": description.map { .string($0) } ?? nil, "discount_amount": 0, "discount_amounts": .array([]),
            "livemode": false, "metadata": nil, "pretax_credit_amounts": .array([]), "quantity": .int(quantity),
            "tax_rates": .array([]), "taxes": .array([]), "type": .string(type),
            "unit_amount": unitAmount.map { .int($0) } ?? nil,
            "unit_amount_decimal": unitAmount.map { .string(String($0)) } ?? nil,
        ]
        if let invoiceLine { line["invoice_line_item"] = .string(invoiceLine) }
        return .object(line)
    }

    /// Every line of credit note `id`, in the order they were given.
    func creditNoteLineTable(_ id: String) -> ResourceTable {
        var lines = ResourceTable()
        for line in table(.creditNoteLine).newestFirst where parentOf[line["id"]?.stringValue ?? ""] == id {
            lines.put(line)
        }
        return lines
    }

    /// The `lines` list embedded in a credit note: its first ten lines.
    func creditNoteLinesSummary(_ id: String) -> JSONValue {
        let lines = creditNoteLineTable(id).newestFirst
        return .object(["object": "list", "data": .array(Array(lines.prefix(10))), "has_more": .bool(lines.count > 10),
                        "total_count": .int(lines.count), "url": .string("/v1/credit_notes/\(id)/lines")])
    }

    func listCreditNoteLines(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["limit", "starting_after", "ending_before"])
        _ = try fetch(.creditNote, id)
        return try page(creditNoteLineTable(id), kind: .creditNoteLine, params, url: "/v1/credit_notes/\(id)/lines")
    }

    func listCreditNotes(_ params: Params) throws -> JSONValue {
        try params.allow(["customer", "invoice", "created", "limit", "starting_after", "ending_before"])
        let customer = params.string("customer"), invoice = params.string("invoice")
        return try list(.creditNote, params, url: "/v1/credit_notes") { note in
            (customer == nil || note["customer"]?.stringValue == customer)
                && (invoice == nil || note["invoice"]?.stringValue == invoice)
        }
    }

    mutating func updateCreditNote(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["memo", "metadata"])
        let old = try fetch(.creditNote, id)
        var note = old
        if params.has("memo") { note["memo"] = params.string("memo").map { .string($0) } ?? .null }
        note["metadata"] = try params.metadata(updating: old["metadata"])
        update(.creditNote, from: old, to: note)
        return note
    }

    /// Voids an issued credit note: a pre-payment one gives the invoice back what it lowered.
    /// Emits `credit_note.voided`.
    mutating func voidCreditNote(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow([])
        let old = try fetch(.creditNote, id)
        guard old["status"]?.stringValue == "issued" else {
            throw StripeError.invalid("id", "The credit note \(id) has already been voided.")
        }
        var note = old
        note["status"] = "void"
        note["voided_at"] = .int(now())
        store(.creditNote, note)
        emit("credit_note.voided", note, previous: changes(from: old, to: note))
        let amount = old["total"]?.intValue ?? 0
        if let invoiceID = old["invoice"]?.stringValue, let oldInvoice = table(.invoice)[invoiceID] {
            var invoice = oldInvoice
            if old["type"]?.stringValue == "pre_payment" {
                invoice["pre_payment_credit_notes_amount"] = .int((oldInvoice["pre_payment_credit_notes_amount"]?.intValue ?? 0) - amount)
                invoice["amount_due"] = .int((oldInvoice["amount_due"]?.intValue ?? 0) + amount)
                invoice["amount_remaining"] = .int((oldInvoice["amount_remaining"]?.intValue ?? 0) + amount)
            } else {
                invoice["post_payment_credit_notes_amount"] = .int((oldInvoice["post_payment_credit_notes_amount"]?.intValue ?? 0) - amount)
            }
            update(.invoice, from: oldInvoice, to: invoice)
        }
        return note
    }
}
