extension EmulatorState {
    /// Stripe's card fee the emulator charges: 2.9% of the amount (rounded) plus 30 minor units.
    static func cardFee(_ amount: Int) -> Int {
        (amount * 29 + 500) / 1000 + 30
    }

    /// The fee Stripe takes for a dispute, in minor units.
    static let disputeFee = 1500

    /// Records a movement of the balance whose `net = amount − fee`, with `id` or a fresh one;
    /// returns the stored balance transaction. Balance transactions emit no events, as in Stripe.
    @discardableResult
    mutating func recordBalance(id: String? = nil, amount: Int, fee: Int, currency: String, type: String,
                                category: String, source: String, description: String?) -> JSONValue {
        let created = now()
        let feeDetails: [JSONValue] = fee == 0 ? [] : [.object([
            "amount": .int(fee), "application": nil, "currency": .string(currency),
            "description": type == "adjustment" ? "Dispute fee" : "Stripe processing fees", "type": "stripe_fee",
        ])]
        let transaction: JSONValue = .object([
            "id": .string(id ?? newID(.balanceTransaction)), "object": "balance_transaction", "amount": .int(amount),
            "available_on": .int(created), "balance_type": "payments", "created": .int(created),
            "currency": .string(currency), "description": description.map { .string($0) } ?? nil,
            "exchange_rate": nil, "fee": .int(fee), "fee_details": .array(feeDetails), "net": .int(amount - fee),
            "reporting_category": .string(category), "source": .string(source), "status": "available",
            "type": .string(type),
        ])
        store(.balanceTransaction, transaction)
        return transaction
    }

    /// The available balance in `currency`: the sum of every balance transaction's net.
    func availableBalance(_ currency: String) -> Int {
        table(.balanceTransaction).newestFirst
            .filter { $0["currency"]?.stringValue == currency }
            .reduce(0) { $0 + ($1["net"]?.intValue ?? 0) }
    }

    func listBalanceTransactions(_ params: Params) throws -> JSONValue {
        try params.allow(["created", "currency", "payout", "source", "type", "limit", "starting_after", "ending_before"])
        let currency = params.string("currency"), source = params.string("source"), type = params.string("type")
        return try list(.balanceTransaction, params, url: "/v1/balance_transactions") { transaction in
            (currency == nil || transaction["currency"]?.stringValue == currency)
                && (source == nil || transaction["source"]?.stringValue == source)
                && (type == nil || transaction["type"]?.stringValue == type)
        }
    }

    /// Pays `amount` out of the available balance; refuses more than the balance holds.
    mutating func createPayout(_ params: Params) throws -> JSONValue {
        try params.allow(["amount", "currency", "description", "metadata", "method", "statement_descriptor",
                          "destination", "source_type"])
        guard let amount = try params.int("amount") else { throw StripeError.missing("amount") }
        let currency = try params.requireString("currency").lowercased()
        guard amount > 0 else { throw StripeError.invalid("amount", "Amount must be at least 1.") }
        let available = availableBalance(currency)
        guard amount <= available else {
            throw StripeError(status: 400, type: "invalid_request_error", code: "balance_insufficient",
                              message: "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. (\(currency) \(available) available)",
                              param: "amount")
        }
        let id = newID(.payout)
        let transaction = recordBalance(amount: -amount, fee: 0, currency: currency, type: "payout", category: "payout",
                                        source: id, description: params.string("description") ?? "STRIPE PAYOUT")
        let created = now()
        let payout: JSONValue = .object([
            "id": .string(id), "object": "payout", "amount": .int(amount), "application_fee": nil,
            "application_fee_amount": nil, "arrival_date": .int(created + 2 * 86_400), "automatic": false,
            "balance_transaction": transaction["id"] ?? nil, "created": .int(created), "currency": .string(currency),
            "description": .string(params.string("description") ?? "STRIPE PAYOUT"),
            "destination": .string("ba_1EmuEmulatorBankAccount00"), "failure_balance_transaction": nil,
            "failure_code": nil, "failure_message": nil, "livemode": false, "metadata": try params.metadata(updating: nil),
            "method": .string(params.string("method") ?? "standard"), "original_payout": nil,
            "reconciliation_status": "not_applicable", "reversed_by": nil,
            "source_type": .string(params.string("source_type") ?? "card"),
            "statement_descriptor": params.string("statement_descriptor").map { .string($0) } ?? nil,
            "status": "pending", "type": "bank_account",
        ])
        store(.payout, payout)
        emit("payout.created", payout)
        return payout
    }

    mutating func updatePayout(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["metadata"])
        let old = try fetch(.payout, id)
        var payout = old
        payout["metadata"] = try params.metadata(updating: old["metadata"])
        update(.payout, from: old, to: payout)
        return payout
    }

    func listPayouts(_ params: Params) throws -> JSONValue {
        try params.allow(["created", "arrival_date", "destination", "status", "limit", "starting_after", "ending_before"])
        let status = params.string("status")
        return try list(.payout, params, url: "/v1/payouts") { payout in
            status == nil || payout["status"]?.stringValue == status
        }
    }
}
