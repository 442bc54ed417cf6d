/// A subscription in the populate fixture and the status it should end in.
public struct FixtureSubscription: Decodable, Sendable, Equatable {
    /// The statuses a fixture subscription may end in.
    public static let finalStatuses: Set<String> = ["active", "trialing", "canceled"]

    /// The stable fixture key, stored as `metadata[fixture_key]`.
    public var key: String
    /// The fixture key of the customer.
    public var customer: String
    /// The fixture key of the payment method it charges.
    public var paymentMethod: String
    /// The items (recurring prices of one currency and interval).
    public var items: [FixtureSubscriptionItem]
    /// Days of free trial; the subscription is `trialing` meanwhile.
    public var trialPeriodDays: Int?
    /// `active`, `trialing` or `canceled` (created, then canceled).
    public var finalStatus: String
    /// Metadata tags (besides the fixture key).
    public var metadata: [String: String]?

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case key, customer, items, metadata
        case paymentMethod = "payment_method"
        case trialPeriodDays = "trial_period_days"
        case finalStatus = "final_status"
    }
}
