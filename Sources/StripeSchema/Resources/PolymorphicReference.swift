import StripeJSON

/// How a column reads a reference whose target may be one of several types (a balance
/// transaction's `source` is a charge, a refund, a dispute, a payout, a transfer, …).
///
/// The type is the expanded object's `object`, or else the one its id's prefix stands for
/// (`ch_…` and `py_…` are charges). A column either holds that type (`source_type`), or holds the
/// id only when the target is of one type (`source_charge_id`, a real foreign key).
public struct PolymorphicReference: Sendable {
    /// The type a column holds the id for, or nil for the column that holds the type itself.
    public let only: String?

    /// The object type each id prefix stands for, as Stripe's ids carry them.
    public static let typeByPrefix: [String: String] = [
        "ch": "charge", "py": "charge", "re": "refund", "pyr": "refund", "dp": "dispute", "du": "dispute",
        "po": "payout", "tr": "transfer", "trr": "transfer_reversal", "fee": "application_fee",
        "fr": "fee_refund", "tu": "topup", "iauth": "issuing.authorization", "idp": "issuing.dispute",
        "ipi": "issuing.transaction", "ccsbtxn": "customer_cash_balance_transaction",
    ]

    /// The column holding the target's type.
    public static let type = PolymorphicReference(only: nil)

    /// The column holding the target's id when the target is a `type`.
    public static func only(_ type: String) -> PolymorphicReference { PolymorphicReference(only: type) }

    /// The type of the target `value` (an id or an expanded object), if known.
    public static func type(of value: JSONValue) -> String? {
        if case .object = value, let name = value["object"]?.stringValue { return name }
        guard let id = value.stringValue ?? value["id"]?.stringValue, let underscore = id.firstIndex(of: "_") else { return nil }
        return typeByPrefix[String(id[..<underscore])]
    }
}
