/// One price of the synthetic catalog, with its serialized forms for embedding.
struct SyntheticCatalogPrice: Sendable {
    /// `price_...`.
    let id: String
    /// The owning product's id.
    let productID: String
    /// The owning product's name.
    let productName: String
    /// Lower-case ISO currency.
    let currency: String
    /// Amount in the currency's minor unit.
    let unitAmount: Int
    /// `month`, `year`, or nil for a one-time price.
    let interval: String?
    /// Creation time.
    let created: Int
    /// The price object as Stripe returns it embedded (product as an id), serialized.
    let object: SyntheticJSON
    /// The legacy `plan` object matching a recurring price, serialized (null for one-time).
    let plan: SyntheticJSON

    /// Stripe-style line description, e.g. `2 × Pro (at $29.00 / month)`.
    func lineDescription(quantity: Int) -> String {
        let symbol = ["usd": "$", "eur": "€", "gbp": "£"][currency] ?? (currency.uppercased() + " ")
        let major = unitAmount / 100
        let minor = unitAmount % 100
        let amount = "\(symbol)\(major).\(minor < 10 ? "0" : "")\(minor)"
        if let interval {
            return "\(quantity) × \(productName) (at \(amount) / \(interval))"
        }
        return quantity == 1 ? productName : "\(quantity) × \(productName)"
    }
}
