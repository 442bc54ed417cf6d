/// The resources a synthetic dump set contains, one file each.
public enum SyntheticResource: String, CaseIterable, Sendable, Comparable {
    /// `products.json`.
    case products
    /// `prices.json`.
    case prices
    /// `customers.json`.
    case customers
    /// `payment_methods.json`.
    case paymentMethods = "payment_methods"
    /// `subscriptions.json` (subscription items are embedded in each subscription).
    case subscriptions
    /// `invoices.json` (line items are embedded in each invoice).
    case invoices
    /// `payment_intents.json`.
    case paymentIntents = "payment_intents"
    /// `charges.json`.
    case charges

    /// The dump file's name, e.g. `payment_methods.json`.
    public var fileName: String { rawValue + ".json" }

    /// The API list path Stripe would serve these objects from, e.g. `/v1/payment_methods`.
    public var listPath: String { "/v1/" + rawValue }

    /// Orders resources as they are written (catalog first, payments last).
    public static func < (lhs: SyntheticResource, rhs: SyntheticResource) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
