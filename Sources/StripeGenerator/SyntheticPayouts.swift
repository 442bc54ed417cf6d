import StripeSchema

/// The account's automatic payouts: every three days, per currency, the net of the balance
/// transactions that became available in those days (carried on while it is not positive).
struct SyntheticPayouts: Sendable {
    /// Three days of one currency's balance.
    struct Period: Hashable, Sendable {
        /// The currency.
        let currency: String
        /// Which three days, counted from the first customer's sign-up.
        let index: Int
    }

    /// The length of a payout period.
    static let length = 3 * CivilCalendar.day

    /// The period `time` falls in.
    static func period(of time: Int) -> Int {
        (time - SyntheticCustomerBuilder.customersStart) / length
    }

    /// The payouts and their balance transactions for the net amounts in `payable`, oldest first;
    /// periods ending later than a day before the dump stay unpaid.
    static func objects(_ payable: [Period: Int], ids: SyntheticIDFactory) -> (payouts: [SyntheticJSON], transactions: [SyntheticJSON]) {
        var payouts: [SyntheticJSON] = []
        var transactions: [SyntheticJSON] = []
        let latest = SyntheticCustomerBuilder.asOf - CivilCalendar.day
        for currency in Set(payable.keys.map(\.currency)).sorted() {
            var carried = 0
            let periods = payable.keys.filter { $0.currency == currency }.map(\.index).sorted()
            for index in periods {
                carried += payable[Period(currency: currency, index: index)] ?? 0
                let created = SyntheticCustomerBuilder.customersStart + (index + 1) * length
                guard carried > 0, created <= latest else { continue }
                let ordinal = payouts.count
                let id = ids.id("po", ordinal)
                let transactionID = ids.id("txn", (2 << 40) + ordinal)
                transactions.append([
                    "amount": .int(-carried), "available_on": .int(created), "balance_type": "payments",
                    "created": .int(created), "currency": .string(currency), "description": "STRIPE PAYOUT",
                    "exchange_rate": .null, "fee": 0, "fee_details": [], "id": .string(transactionID), "net": .int(-carried),
                    "object": "balance_transaction", "reporting_category": "payout", "source": .string(id),
                    "status": "available", "type": "payout",
                ])
                payouts.append([
                    "amount": .int(carried), "application_fee": .null, "application_fee_amount": .null,
                    "arrival_date": .int(created + 2 * CivilCalendar.day), "automatic": true,
                    "balance_transaction": .string(transactionID), "created": .int(created), "currency": .string(currency),
                    "description": "STRIPE PAYOUT", "destination": .string(ids.id("ba", 0)),
                    "failure_balance_transaction": .null, "failure_code": .null, "failure_message": .null, "id": .string(id),
                    "livemode": false, "metadata": [:], "method": "standard", "object": "payout", "original_payout": .null,
                    "reconciliation_status": "completed", "reversed_by": .null, "source_type": "card",
                    "statement_descriptor": .null,
                    "status": created + 2 * CivilCalendar.day <= SyntheticCustomerBuilder.asOf ? "paid" : "in_transit",
                    "type": "bank_account",
                ])
                carried = 0
            }
        }
        return (payouts, transactions)
    }
}
