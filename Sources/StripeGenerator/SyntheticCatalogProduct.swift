/// One product of the synthetic catalog.
struct SyntheticCatalogProduct: Sendable {
    /// `prod_...`.
    let id: String
    /// Display name.
    let name: String
    /// The currency all its prices are in.
    let currency: String
    /// Index into the catalog's prices of the monthly recurring price (the default price).
    let monthly: Int
    /// Index of the yearly recurring price.
    let yearly: Int
    /// Index of the one-time price, if it has one.
    let oneTime: Int?
    /// The product object, serialized.
    let object: SyntheticJSON
}
