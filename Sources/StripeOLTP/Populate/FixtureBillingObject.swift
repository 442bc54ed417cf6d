/// A billing object in the populate fixture (`billing`): a coupon, promotion code, plan, tax
/// rate, invoice item, setup intent, or a discount (a coupon applied to a customer), created
/// with the given form parameters plus the Stripe ids of the fixture objects it refers to.
public struct FixtureBillingObject: Decodable, Sendable, Equatable {
    /// The stable fixture key, stored as `metadata[fixture_key]` (a discount has no metadata:
    /// it is found as its customer's discount).
    public var key: String
    /// `coupons`, `promotion_codes`, `plans`, `tax_rates`, `invoice_items`, `setup_intents` or `discounts`.
    public var resource: String
    /// Parameters naming other fixture objects: parameter name → fixture key (`customer` → `cus-alice`).
    public var refs: [String: String]?
    /// Further form parameters, as Stripe takes them (`percent_off`, `duration`, …).
    public var params: [String: String]?
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?

    /// The populate resource of `resource`, if it names one of the billing kinds.
    public var populateResource: PopulateResource? {
        guard let kind = PopulateResource(rawValue: resource), PopulateResource.billing.contains(kind) else { return nil }
        return kind
    }
}
