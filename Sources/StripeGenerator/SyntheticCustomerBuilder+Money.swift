import StripeSchema

/// The money around each charge: the balance transaction of its funds, its refunds at the top
/// level with theirs, and, for about one charge in two hundred, a dispute.
extension SyntheticCustomerBuilder {
    /// The share of charges (among those not refunded) that are disputed.
    static let disputeShare = 0.005
    /// Funds become available two days after their movement, as for a card payment in the US.
    static let availableAfter = 2 * CivilCalendar.day

    /// Appends the money objects of `charge` (the charge of `invoice`) to `chunk`, and returns
    /// the charge, marked `disputed` when it is. Draws from a stream of its own, so the other
    /// objects of the customer do not change with it.
    func money(for charge: SyntheticJSON, _ invoice: SyntheticInvoicePlan, _ plan: SyntheticCustomerPlan,
               into chunk: inout SyntheticChunk) -> SyntheticJSON {
        let ordinal = plan.index * SyntheticCustomerBuilder.ordinalStride + (plan.invoices.firstIndex { $0.id == invoice.id } ?? 0)
        var random = SyntheticRandom(seed: ids.seed, stream: UInt64(ordinal) | (3 << 40))
        let chargeID = charge["id"]?.stringValue ?? ""
        let amount = Self.intValue(charge["amount"])
        var charge = charge
        let fee = Self.cardFee(amount)
        chunk.append(balanceTransaction(
            id: ids.id("txn", ordinal * 2), amount: amount, fee: fee, created: invoice.chargeCreated, currency: plan.currency,
            type: "charge", source: chargeID, description: paymentDescription(invoice), into: &chunk), to: .balanceTransactions)
        let refunds = charge["refunds"]?["data"].flatMap { value -> [SyntheticJSON]? in
            if case .array(let elements) = value { return elements }
            return nil
        } ?? []
        for refund in refunds {
            chunk.append(refund, to: .refunds)
            let refunded = Self.intValue(refund["amount"])
            chunk.append(balanceTransaction(
                id: refund["balance_transaction"]?.stringValue ?? ids.id("txn", ordinal * 2 + 1), amount: -refunded, fee: 0,
                created: Self.intValue(refund["created"]), currency: plan.currency, type: "refund",
                source: refund["id"]?.stringValue ?? "", description: "REFUND FOR CHARGE (\(paymentDescription(invoice)))",
                into: &chunk), to: .balanceTransactions)
        }
        let latest = SyntheticCustomerBuilder.asOf - CivilCalendar.day
        if refunds.isEmpty, invoice.chargeCreated + 3 * CivilCalendar.day < latest, random.chance(Self.disputeShare) {
            charge["disputed"] = true
            let disputeID = ids.id("dp", ordinal)
            let created = random.int(in: (invoice.chargeCreated + 3 * CivilCalendar.day)...min(latest, invoice.chargeCreated + 60 * CivilCalendar.day))
            let withdrawal = balanceTransaction(
                id: ids.id("txn", (1 << 40) + ordinal), amount: -amount, fee: 1500, created: created, currency: plan.currency,
                type: "adjustment", source: disputeID, description: "Chargeback withdrawal for \(chargeID)", into: &chunk)
            chunk.append(withdrawal, to: .balanceTransactions)
            chunk.append(disputeObject(id: disputeID, charge: chargeID, amount: amount, created: created, plan: plan,
                                       paymentIntent: charge["payment_intent"] ?? .null, withdrawal: withdrawal,
                                       random: &random), to: .disputes)
        }
        return charge
    }

    /// Stripe's card fee as the generator charges it: 2.9% of the amount (rounded) plus 30.
    static func cardFee(_ amount: Int) -> Int {
        (amount * 29 + 500) / 1000 + 30
    }

    /// The integer `value` holds, or 0.
    static func intValue(_ value: SyntheticJSON?) -> Int {
        if case .int(let number)? = value { return number }
        return 0
    }

    /// A balance transaction with `net = amount − fee`, available two days after `created`; its
    /// net is counted towards the payout of the period it becomes available in.
    func balanceTransaction(id: String, amount: Int, fee: Int, created: Int, currency: String, type: String,
                            source: String, description: String, into chunk: inout SyntheticChunk) -> SyntheticJSON {
        let availableOn = created + Self.availableAfter
        chunk.payable[SyntheticPayouts.Period(currency: currency, index: SyntheticPayouts.period(of: availableOn)), default: 0] += amount - fee
        let feeDetails: SyntheticJSON = fee == 0 ? [] : [[
            "amount": .int(fee), "application": .null, "currency": .string(currency),
            "description": type == "adjustment" ? "Dispute fee" : "Stripe processing fees", "type": "stripe_fee",
        ]]
        return [
            "amount": .int(amount), "available_on": .int(availableOn), "balance_type": "payments", "created": .int(created),
            "currency": .string(currency), "description": .string(description), "exchange_rate": .null,
            "fee": .int(fee), "fee_details": feeDetails, "id": .string(id), "net": .int(amount - fee),
            "object": "balance_transaction",
            "reporting_category": type == "adjustment" ? "dispute" : .string(type), "source": .string(source),
            "status": availableOn <= SyntheticCustomerBuilder.asOf ? "available" : "pending", "type": .string(type),
        ]
    }

    /// A dispute of the whole charge, lost or won or still open, embedding its withdrawal.
    func disputeObject(id: String, charge: String, amount: Int, created: Int, plan: SyntheticCustomerPlan,
                       paymentIntent: SyntheticJSON, withdrawal: SyntheticJSON, random: inout SyntheticRandom) -> SyntheticJSON {
        let reasons: [String] = ["fraudulent", "product_not_received", "subscription_canceled", "unrecognized", "duplicate"]
        let dueBy = created + 7 * CivilCalendar.day
        let open = dueBy > SyntheticCustomerBuilder.asOf
        return [
            "amount": .int(amount), "balance_transactions": [withdrawal.frozen], "charge": .string(charge),
            "created": .int(created), "currency": .string(plan.currency),
            "evidence": ["customer_email_address": .string(plan.email), "uncategorized_text": .null],
            "evidence_details": ["due_by": .int(dueBy), "has_evidence": .bool(!open), "past_due": false,
                                 "submission_count": .int(open ? 0 : 1)],
            "id": .string(id), "is_charge_refundable": false, "livemode": false, "metadata": [:], "object": "dispute",
            "payment_intent": paymentIntent,
            "payment_method_details": ["card": ["brand": .string(plan.cardBrand), "case_type": "chargeback",
                                                "network_reason_code": "10.4"], "type": "card"],
            "reason": .string(random.pick(reasons)),
            "status": open ? "needs_response" : (random.chance(0.4) ? "won" : "lost"),
        ]
    }
}
