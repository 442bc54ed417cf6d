extension EmulatorState {
    /// Disputes `charge` for its whole amount as fraudulent, as Stripe does at once for the test
    /// card 4000000000000259: the amount and the dispute fee leave the balance. Returns the
    /// charge marked disputed (stored).
    mutating func dispute(_ charge: JSONValue) -> JSONValue {
        let chargeID = charge["id"]?.stringValue ?? ""
        let amount = charge["amount"]?.intValue ?? 0
        let currency = charge["currency"]?.stringValue ?? "usd"
        let id = newID(.dispute)
        let withdrawal = recordBalance(amount: -amount, fee: Self.disputeFee, currency: currency, type: "adjustment",
                                       category: "dispute", source: id, description: "Chargeback withdrawal for \(chargeID)")
        let created = now()
        let dispute: JSONValue = .object([
            "id": .string(id), "object": "dispute", "amount": .int(amount), "balance_transactions": .array([withdrawal]),
            "charge": .string(chargeID), "created": .int(created), "currency": .string(currency),
            "evidence": .object(["customer_email_address": nil, "uncategorized_text": nil]),
            "evidence_details": .object([
                "due_by": .int(created + 7 * 86_400), "has_evidence": false, "past_due": false, "submission_count": 0,
            ]),
            "is_charge_refundable": false, "livemode": false, "metadata": .object([:]),
            "payment_intent": charge["payment_intent"] ?? nil,
            "payment_method_details": .object(["card": .object(["brand": "visa", "case_type": "chargeback",
                                                                 "network_reason_code": "10.4"]), "type": "card"]),
            "reason": "fraudulent", "status": "needs_response",
        ])
        store(.dispute, dispute)
        emit("charge.dispute.created", dispute)
        emit("charge.dispute.funds_withdrawn", dispute)
        var disputed = charge
        disputed["disputed"] = true
        update(.charge, from: charge, to: disputed)
        return disputed
    }

    mutating func updateDispute(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["metadata", "evidence", "submit"])
        let old = try fetch(.dispute, id)
        var dispute = old
        dispute["metadata"] = try params.metadata(updating: old["metadata"])
        if try params.bool("submit") == true { dispute["status"] = "under_review" }
        update(.dispute, from: old, to: dispute, eventPrefix: "charge.dispute")
        return dispute
    }

    /// Accepts the dispute: it is lost, and the funds stay withdrawn.
    mutating func closeDispute(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow([])
        var dispute = try fetch(.dispute, id)
        dispute["status"] = "lost"
        store(.dispute, dispute)
        emit("charge.dispute.closed", dispute)
        return dispute
    }

    func listDisputes(_ params: Params) throws -> JSONValue {
        try params.allow(["charge", "payment_intent", "created", "limit", "starting_after", "ending_before"])
        let charge = params.string("charge"), intent = params.string("payment_intent")
        return try list(.dispute, params, url: "/v1/disputes") { dispute in
            (charge == nil || dispute["charge"]?.stringValue == charge)
                && (intent == nil || dispute["payment_intent"]?.stringValue == intent)
        }
    }
}
