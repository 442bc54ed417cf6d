/// The account-wide billing objects that do not grow with the customers: promotion codes for
/// the coupons, the legacy plans behind the first products' recurring prices, and the tax rates
/// of the jurisdictions the account collects in — a few dozen of each, as an account has.
struct SyntheticAccountBilling: Sendable {
    /// The `promotion_codes.json` objects: two codes per coupon, about one in four restricted to
    /// one live customer, half in the shape before 2025-09-30.clover (the whole coupon embedded
    /// as `coupon`) and half after (`promotion.coupon` naming it).
    let promotionCodes: [SyntheticJSON]
    /// The `plans.json` objects: the plan of each recurring price of the first products (a plan
    /// shares its price's id, product and amount).
    let plans: [SyntheticJSON]
    /// The `tax_rates.json` objects: VAT and sales tax rates, a few archived.
    let taxRates: [SyntheticJSON]

    /// At most this many products have their recurring prices listed as plans.
    static let planProducts = 20

    private static let jurisdictions: [(country: String, state: String?, name: String, percentage: Double, type: String)] = [
        ("DE", nil, "Germany", 19.0, "vat"), ("FR", nil, "France", 20.0, "vat"), ("GB", nil, "United Kingdom", 20.0, "vat"),
        ("IE", nil, "Ireland", 23.0, "vat"), ("NL", nil, "Netherlands", 21.0, "vat"), ("ES", nil, "Spain", 21.0, "vat"),
        ("IT", nil, "Italy", 22.0, "vat"), ("AT", nil, "Austria", 20.0, "vat"), ("BE", nil, "Belgium", 21.0, "vat"),
        ("SE", nil, "Sweden", 25.0, "vat"), ("DK", nil, "Denmark", 25.0, "vat"), ("PL", nil, "Poland", 23.0, "vat"),
        ("US", "CA", "California", 7.25, "sales_tax"), ("US", "NY", "New York", 4.0, "sales_tax"),
        ("US", "TX", "Texas", 6.25, "sales_tax"), ("US", "WA", "Washington", 6.5, "sales_tax"),
        ("US", "IL", "Illinois", 6.25, "sales_tax"), ("US", "FL", "Florida", 6.0, "sales_tax"),
        ("CA", "ON", "Ontario", 13.0, "hst"), ("CA", "BC", "British Columbia", 7.0, "pst"),
        ("AU", nil, "Australia", 10.0, "gst"), ("NZ", nil, "New Zealand", 15.0, "gst"),
        ("JP", nil, "Japan", 10.0, "jct"), ("CH", nil, "Switzerland", 8.1, "vat"),
    ]

    /// Builds the objects for `catalog`; customer restrictions name live customers among the first
    /// `customers` (none when all are deleted), objects are created between `start` and `end`.
    init(catalog: SyntheticCatalog, ids: SyntheticIDFactory, customers: Int, deleted: Set<Int>, start: Int, end: Int) {
        var random = SyntheticRandom(seed: ids.seed, stream: 0xB111_1A6C)
        let span = max(1, end - start)
        let live = (0..<customers).filter { !deleted.contains($0) }
        promotionCodes = catalog.coupons.objects.enumerated().flatMap { index, coupon in
            (0..<2).map { copy -> SyntheticJSON in
                let ordinal = index * 2 + copy
                let couponID = coupon["id"]?.stringValue ?? ""
                let customer = ordinal % 4 == 3 && !live.isEmpty ? ids.id("cus", live[random.int(in: 0...(live.count - 1))]) : nil
                var code: SyntheticJSON = [
                    "id": .string(ids.id("promo", ordinal)), "object": "promotion_code", "active": .bool(ordinal % 7 != 6),
                    "code": .string(copy == 0 ? couponID : "\(couponID)-\(ordinal)"),
                    "created": .int(start + random.int(in: 0...span)), "customer": SyntheticJSON(customer),
                    "customer_account": .null, "expires_at": .null, "livemode": false,
                    "max_redemptions": ordinal % 3 == 0 ? .int(100 * (1 + ordinal % 5)) : .null,
                    "metadata": [:], "restrictions": [
                        "currency_options": [:], "first_time_transaction": .bool(ordinal % 5 == 0),
                        "minimum_amount": ordinal % 6 == 1 ? 5000 : .null, "minimum_amount_currency": ordinal % 6 == 1 ? "usd" : .null,
                    ],
                    "times_redeemed": .int(random.int(in: 0...40)),
                ]
                if ordinal % 2 == 0 {
                    code["coupon"] = coupon
                } else {
                    code["promotion"] = ["coupon": .string(couponID), "type": "coupon"]
                }
                return code
            }
        }
        plans = catalog.products.prefix(SyntheticAccountBilling.planProducts).flatMap { product in
            [catalog.prices[product.monthly].plan, catalog.prices[product.yearly].plan]
        }.filter { if case .null = $0 { return false } else { return true } }
        taxRates = SyntheticAccountBilling.jurisdictions.enumerated().map { index, place in
            let inclusive = place.type == "vat" || place.type == "gst"
            return [
                "id": .string(ids.id("txr", index)), "object": "tax_rate", "active": .bool(index % 9 != 8),
                "country": .string(place.country), "created": .int(start + random.int(in: 0...span)),
                "description": .string("\(place.name) \(place.type.uppercased().replacingOccurrences(of: "_", with: " "))"),
                "display_name": .string(inclusive ? "VAT" : "Sales tax"),
                "effective_percentage": .double(place.percentage), "flat_amount": .null, "inclusive": .bool(inclusive),
                "jurisdiction": .string(place.state ?? place.country), "jurisdiction_level": place.state == nil ? "country" : "state",
                "livemode": false, "metadata": [:], "percentage": .double(place.percentage), "rate_type": "percentage",
                "state": SyntheticJSON(place.state), "tax_type": .string(place.type),
            ]
        }
    }
}
