/// A credit note on the first invoice of a fixture subscription.
public struct FixtureCreditNote: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The fixture key of a subscription whose first invoice is paid (final status `active`).
    public var subscription: String
    /// The credited lines (custom line items).
    public var lines: [FixtureCreditNoteLine]
    /// `duplicate`, `fraudulent`, `order_change` or `product_unsatisfactory`.
    public var reason: String?
    /// A memo printed on the credit note.
    public var memo: String?
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?

    /// Reasons Stripe accepts.
    public static let reasons: Set<String> = ["duplicate", "fraudulent", "order_change", "product_unsatisfactory"]

    /// The credited total in minor units.
    public var total: Int { lines.reduce(0) { $0 + $1.unitAmount * ($1.quantity ?? 1) } }
}
