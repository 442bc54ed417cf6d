extension EmulatorState {
    mutating func createRefund(_ params: Params) throws -> JSONValue {
        try params.allow(["charge", "payment_intent", "amount", "reason", "metadata", "instructions_email",
                          "refund_application_fee", "reverse_transfer"])
        var chargeID = params.string("charge")
        if chargeID == nil, let intentID = params.string("payment_intent") {
            let intent = try fetch(.paymentIntent, intentID, param: "payment_intent")
            guard let latest = intent["latest_charge"]?.stringValue,
                  table(.charge)[latest]?["status"]?.stringValue == "succeeded" else {
                throw StripeError(status: 400, type: "invalid_request_error", code: "charge_not_refundable",
                                  message: "This PaymentIntent does not have a successful charge to refund.")
            }
            chargeID = latest
        }
        guard let chargeID else { throw StripeError.missing("charge") }
        let old = try fetch(.charge, chargeID, param: "charge")
        let captured = old["amount_captured"]?.intValue ?? 0
        let refunded = old["amount_refunded"]?.intValue ?? 0
        let amount = try params.int("amount") ?? (captured - refunded)
        guard amount > 0, refunded + amount <= captured else {
            throw StripeError(status: 400, type: "invalid_request_error", code: "charge_already_refunded",
                              message: "Charge \(chargeID) has already been refunded.", param: "amount")
        }
        let refundID = newID(.refund)
        let currency = old["currency"]?.stringValue ?? "usd"
        let transaction = recordBalance(amount: -amount, fee: 0, currency: currency, type: "refund", category: "refund",
                                        source: refundID, description: "REFUND FOR CHARGE (\(chargeID))")
        let refund: JSONValue = .object([
            "id": .string(refundID), "object": "refund", "amount": .int(amount),
            "balance_transaction": transaction["id"] ?? nil, "charge": .string(chargeID), "created": .int(now()),
            "currency": old["currency"] ?? "usd", "destination_details": nil, "metadata": try params.metadata(updating: nil),
            "payment_intent": old["payment_intent"] ?? nil, "reason": params.string("reason").map { .string($0) } ?? nil,
            "receipt_number": nil, "source_transfer_reversal": nil, "status": "succeeded", "transfer_reversal": nil,
        ])
        store(.refund, refund)
        emit("refund.created", refund)
        var charge = old
        charge["amount_refunded"] = .int(refunded + amount)
        charge["refunded"] = .bool(refunded + amount >= captured)
        let refunds = table(.refund).newestFirst.filter { $0["charge"]?.stringValue == chargeID }
        charge["refunds"] = .object(["object": "list", "data": .array(Array(refunds.prefix(10))),
                                     "has_more": .bool(refunds.count > 10), "total_count": .int(refunds.count),
                                     "url": .string("/v1/charges/\(chargeID)/refunds")])
        store(.charge, charge)
        emit("charge.refunded", charge, previous: ["amount_refunded": .int(refunded)])
        return refund
    }

    mutating func updateRefund(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["metadata"])
        let old = try fetch(.refund, id)
        var refund = old
        refund["metadata"] = try params.metadata(updating: old["metadata"])
        update(.refund, from: old, to: refund)
        // Stripe reports a changed refund as charge.refund.updated too; some refunds emit only that.
        if refund != old { emit("charge.refund.updated", refund, previous: changes(from: old, to: refund)) }
        return refund
    }

    func listRefunds(_ params: Params) throws -> JSONValue {
        try params.allow(["charge", "payment_intent", "created", "limit", "starting_after", "ending_before"])
        let charge = params.string("charge"), intent = params.string("payment_intent")
        return try list(.refund, params, url: "/v1/refunds") { refund in
            (charge == nil || refund["charge"]?.stringValue == charge)
                && (intent == nil || refund["payment_intent"]?.stringValue == intent)
        }
    }
}
