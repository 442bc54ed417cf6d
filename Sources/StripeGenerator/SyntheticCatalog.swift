/// The synthetic product catalog: products, each with a monthly and a yearly recurring price
/// (its default price is the monthly one) in one of usd, eur or gbp; two products in three
/// also have a one-time price (setup fees and one-off purchases).
struct SyntheticCatalog: Sendable {
    /// The products.
    let products: [SyntheticCatalogProduct]
    /// The prices.
    let prices: [SyntheticCatalogPrice]
    /// `prices.json` objects: as embedded, except about one in ten with `product` expanded.
    let priceFileObjects: [SyntheticJSON]
    /// The coupons a tenth of the subscriptions get a discount from.
    let coupons: SyntheticCoupons

    private static let names: [(name: String, description: String, unitLabel: String?)] = [
        ("Starter", "Everything a small team needs to get going.", nil),
        ("Pro", "Advanced features for growing teams.", "seat"),
        ("Team", "Collaboration tools with shared workspaces.", "seat"),
        ("Business", "Single sign-on, audit logs and priority support.", "seat"),
        ("Enterprise", "Custom contracts, SLAs and a dedicated success manager.", "seat"),
        ("Analytics Add-on", "Dashboards and scheduled reports.", nil),
        ("Priority Support", "Four-hour response time, around the clock.", nil),
        ("Extra Storage", "An extra 100 GB of file storage.", "100 GB"),
        ("API Access", "Higher rate limits and webhooks.", nil),
        ("Data Export", "Nightly exports to your warehouse.", nil),
    ]
    private static let currencies = ["usd", "usd", "eur", "gbp", "usd", "eur"]
    private static let monthlyAmounts = [900, 1900, 2900, 4900, 7900, 9900, 14900, 19900, 29900, 49900]
    private static let oneTimeNames = ["Onboarding package", "Setup fee", "Data migration", "Training session"]
    private static let oneTimeAmounts = [4900, 9900, 19900, 49900]

    /// Builds `count` products and their prices from the templates.
    init(count: Int, templates: SyntheticTemplates, ids: SyntheticIDFactory, start: Int, end: Int) {
        var random = SyntheticRandom(seed: ids.seed, stream: 0xCA7A_1065)
        var products: [SyntheticCatalogProduct] = []
        var prices: [SyntheticCatalogPrice] = []
        var priceFileObjects: [SyntheticJSON] = []
        let spacing = max(1, (end - start) / max(1, count))
        for index in 0..<count {
            let base = SyntheticCatalog.names[index % SyntheticCatalog.names.count]
            let generation = index / SyntheticCatalog.names.count
            let name = generation == 0 ? base.name : "\(base.name) \(generation + 1)"
            let slug = name.lowercased().replacingOccurrences(of: " ", with: "-")
            let currency = SyntheticCatalog.currencies[index % SyntheticCatalog.currencies.count]
            let productID = ids.id("prod", index)
            let created = start + index * spacing + random.int(in: 0...(spacing / 2))
            let monthlyAmount = SyntheticCatalog.monthlyAmounts[index % SyntheticCatalog.monthlyAmounts.count]

            let firstPrice = prices.count
            /// Builds, records and returns one price of this product (and its legacy plan).
            func makePrice(interval: String?, amount: Int, nickname: String, lookupKey: String?) -> SyntheticJSON {
                let priceID = ids.id("price", prices.count)
                let priceCreated = created + 60 * (prices.count - firstPrice + 1)
                var price = templates.price
                price["id"] = .string(priceID)
                price["active"] = true
                price["billing_scheme"] = "per_unit"
                price["created"] = .int(priceCreated)
                price["currency"] = .string(currency)
                price["custom_unit_amount"] = .null
                price["livemode"] = false
                price["lookup_key"] = SyntheticJSON(lookupKey)
                price["metadata"] = [:]
                price["nickname"] = .string(nickname)
                price["product"] = .string(productID)
                if let interval {
                    price["recurring"] = ["interval": .string(interval), "interval_count": 1, "meter": .null,
                                          "trial_period_days": .null, "usage_type": "licensed"]
                    price["type"] = "recurring"
                } else {
                    price["recurring"] = .null
                    price["type"] = "one_time"
                }
                price["tax_behavior"] = currency == "usd" ? "exclusive" : "inclusive"
                price["tiers_mode"] = .null
                price["transform_quantity"] = .null
                price["unit_amount"] = .int(amount)
                price["unit_amount_decimal"] = .string(String(amount))

                var plan: SyntheticJSON = .null
                if let interval, var template = templates.subscriptionItem["plan"] {
                    template["active"] = true
                    template["amount"] = .int(amount)
                    template["amount_decimal"] = .string(String(amount))
                    template["billing_scheme"] = "per_unit"
                    template["created"] = .int(priceCreated)
                    template["currency"] = .string(currency)
                    template["id"] = .string(priceID)
                    template["interval"] = .string(interval)
                    template["interval_count"] = 1
                    template["livemode"] = false
                    template["metadata"] = [:]
                    template["meter"] = .null
                    template["nickname"] = .string(nickname)
                    template["product"] = .string(productID)
                    template["tiers_mode"] = .null
                    template["transform_usage"] = .null
                    template["trial_period_days"] = .null
                    template["usage_type"] = "licensed"
                    plan = template.frozen
                }
                prices.append(SyntheticCatalogPrice(
                    id: priceID, productID: productID, productName: name, currency: currency, unitAmount: amount,
                    interval: interval, created: priceCreated, object: price.frozen, plan: plan))
                return price
            }

            let monthlyIndex = prices.count
            var monthly = makePrice(interval: "month", amount: monthlyAmount, nickname: "\(name) monthly",
                                    lookupKey: "\(slug)-\(index)-monthly")
            let yearlyIndex = prices.count
            var yearly = makePrice(interval: "year", amount: monthlyAmount * 10, nickname: "\(name) yearly",
                                   lookupKey: "\(slug)-\(index)-yearly")
            var oneTimeIndex: Int?
            var oneTime: SyntheticJSON?
            if index % 3 != 1 {
                let which = (index / 2) % SyntheticCatalog.oneTimeNames.count
                oneTimeIndex = prices.count
                oneTime = makePrice(interval: nil, amount: SyntheticCatalog.oneTimeAmounts[which],
                                    nickname: SyntheticCatalog.oneTimeNames[which], lookupKey: nil)
            }

            var product = templates.product
            product["id"] = .string(productID)
            product["active"] = true
            product["created"] = .int(created)
            product["default_price"] = .string(prices[monthlyIndex].id)
            product["description"] = .string(base.description)
            product["images"] = [.string("https://files.example.com/products/\(slug).png")]
            product["livemode"] = false
            product["marketing_features"] = [["name": "Cancel anytime"], ["name": .string(base.description)]]
            product["metadata"] = ["family": index % SyntheticCatalog.names.count < 5 ? "plan" : "add-on"]
            product["name"] = .string(name)
            product["package_dimensions"] = .null
            product["shippable"] = .null
            product["statement_descriptor"] = .string(String("SYNTH \(name.uppercased())".prefix(22)))
            product["tax_code"] = "txcd_10103001"
            product["type"] = "service"
            product["unit_label"] = SyntheticJSON(base.unitLabel)
            product["updated"] = .int(created + 3600 + random.int(in: 0...86_400))
            product["url"] = .string("https://example.com/pricing/\(slug)")
            let productObject = product.frozen

            if random.chance(0.1) { monthly["product"] = productObject }
            if random.chance(0.1) { yearly["product"] = productObject }
            priceFileObjects.append(monthly)
            priceFileObjects.append(yearly)
            if var oneTime {
                if random.chance(0.1) { oneTime["product"] = productObject }
                priceFileObjects.append(oneTime)
            }
            products.append(SyntheticCatalogProduct(
                id: productID, name: name, currency: currency, monthly: monthlyIndex, yearly: yearlyIndex,
                oneTime: oneTimeIndex, object: productObject))
        }
        self.products = products
        self.prices = prices
        self.priceFileObjects = priceFileObjects
        coupons = SyntheticCoupons(created: start + random.int(in: 0...86_400))
        productsByCurrency = Dictionary(grouping: products.indices, by: { products[$0].currency })
        oneTimePricesByCurrency = Dictionary(grouping: products.compactMap { $0.oneTime }, by: { prices[$0].currency })
    }

    /// Indices of the products whose prices are in `currency`.
    func products(in currency: String) -> [Int] {
        productsByCurrency[currency] ?? []
    }

    /// Indices of the one-time prices in `currency`.
    func oneTimePrices(in currency: String) -> [Int] {
        oneTimePricesByCurrency[currency] ?? []
    }

    private let productsByCurrency: [String: [Int]]
    private let oneTimePricesByCurrency: [String: [Int]]
}
