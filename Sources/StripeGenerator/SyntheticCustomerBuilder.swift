import StripeSchema

/// Plans and assembles everything belonging to one synthetic customer: the customer, its
/// card, its subscription, its invoices and the payment intents and charges that paid them.
/// Each customer draws from its own random stream and its own id ordinals, so its objects
/// depend only on the seed, the catalog and its position.
struct SyntheticCustomerBuilder: Sendable {
    /// The moment the dump is taken: 2025-06-01T00:00:00Z.
    static let asOf = 1_748_736_000
    /// The first customer signs up on 2023-01-01.
    static let customersStart = 1_672_531_200
    /// The last customer signs up 45 days before the dump.
    static let customersEnd = asOf - 45 * CivilCalendar.day
    /// Id ordinals reserved per customer for each repeated kind of object.
    static let ordinalStride = 16

    /// The object templates.
    let templates: SyntheticTemplates
    /// The catalog.
    let catalog: SyntheticCatalog
    /// The id factory.
    let ids: SyntheticIDFactory
    /// How many customers the dump has.
    let customerCount: Int
    /// Positions of the customers deleted in Stripe.
    let deleted: Set<Int>

    /// Plans and serializes customer `index`'s objects into `chunk`.
    func build(_ index: Int, into chunk: inout SyntheticChunk) {
        var random = SyntheticRandom(seed: ids.seed, stream: UInt64(index) | (1 << 40))
        let plan = makePlan(index, &random)
        assemble(plan, &random, into: &chunk)
    }

    /// Decides who customer `index` is and what happened to their subscription.
    func makePlan(_ index: Int, _ random: inout SyntheticRandom) -> SyntheticCustomerPlan {
        let day = CivilCalendar.day
        let asOf = SyntheticCustomerBuilder.asOf
        let cutoff = asOf - day  // nothing in a dump is newer than a day
        var plan = SyntheticCustomerPlan()
        plan.index = index
        plan.id = ids.id("cus", index)
        plan.deleted = deleted.contains(index)

        // Identity and catalog choice.
        let spacing = Double(SyntheticCustomerBuilder.customersEnd - SyntheticCustomerBuilder.customersStart)
            / Double(max(1, customerCount))
        plan.created = SyntheticCustomerBuilder.customersStart + Int(Double(index) * spacing)
            + random.int(in: 0...max(0, Int(spacing / 2)))
        let primary = random.int(in: 0...(catalog.products.count - 1))
        plan.currency = catalog.products[primary].currency
        let given = random.pick(SyntheticPeople.givenNames)
        let family = random.pick(SyntheticPeople.familyNames)
        let person = "\(given) \(family.display)"
        let company = random.chance(0.25) ? random.pick(SyntheticPeople.companies) : nil
        plan.name = company ?? person
        let asciiGiven = String(given.lowercased().unicodeScalars.filter { $0.isASCII })
        plan.email = "\(asciiGiven).\(family.ascii).\(index)@example.com"
        let place = random.pick(SyntheticPeople.addresses[plan.currency] ?? SyntheticPeople.addresses["usd"]!)
        plan.country = place.country
        let houseNumber = random.int(in: 1...240)
        let line1 = place.numberFirst ? "\(houseNumber) \(place.street)" : "\(place.street) \(houseNumber)"
        plan.address = ["city": .string(place.city), "country": .string(place.country), "line1": .string(line1),
                        "line2": random.chance(0.2) ? .string("Suite \(random.int(in: 100...900))") : .null,
                        "postal_code": .string(place.postalCode), "state": SyntheticJSON(place.state)]
        plan.phone = (SyntheticPeople.dialPrefixes[place.country] ?? "+1") + "555" + String(random.int(in: 1_000_000...9_999_999))
        plan.locale = SyntheticPeople.locales[place.country] ?? "en-US"
        var metadata: SyntheticJSON = ["tier": .string(random.pick(SyntheticPeople.tiers)),
                                       "signup_source": .string(random.pick(SyntheticPeople.signupSources))]
        if random.chance(0.3) { metadata["crm_id"] = .string("CRM-\(100_000 + index)") }
        if company != nil { metadata["contact"] = .string(person) }
        plan.metadata = metadata
        plan.invoicePrefix = SyntheticIDFactory.base62Digits(SyntheticRandom.mix(UInt64(index) ^ ids.seed), count: 8)
            .uppercased()

        // The card.
        plan.paymentMethodID = ids.id("pm", index)
        plan.paymentMethodCreated = plan.created + random.int(in: 30...600)
        let brandRoll = random.int(in: 0...9)
        var weight = 0
        for brand in SyntheticPeople.cardBrands {
            weight += brand.weight
            if brandRoll < weight {
                plan.cardBrand = brand.brand
                plan.cardDisplayBrand = brand.display
                break
            }
        }
        plan.cardLast4 = String(random.int(in: 10_000...19_999).description.dropFirst())
        plan.cardExpMonth = random.int(in: 1...12)
        plan.cardExpYear = random.int(in: 2026...2031)
        plan.cardFunding = random.chance(0.75) ? "credit" : "debit"
        plan.cardFingerprint = random.characters(16, from: SyntheticIDFactory.base62)

        // The subscription: one or two items of the same currency and interval.
        plan.subscriptionID = ids.id("sub", index)
        plan.oldSubscriptionShape = index % 2 == 1
        plan.interval = random.chance(0.75) ? "month" : "year"
        let months = plan.interval == "month" ? 1 : 12
        /// The product's price for the subscription's interval.
        func recurringPrice(_ product: Int) -> Int {
            plan.interval == "month" ? catalog.products[product].monthly : catalog.products[product].yearly
        }
        let stride = SyntheticCustomerBuilder.ordinalStride
        plan.items = [(ids.id("si", index * 4), recurringPrice(primary), random.chance(0.7) ? 1 : random.int(in: 2...10))]
        let companions = catalog.products(in: plan.currency).filter { $0 != primary }
        if !companions.isEmpty && random.chance(0.35) {
            plan.items.append((ids.id("si", index * 4 + 1), recurringPrice(random.pick(companions)), 1))
        }

        // Statuses are stratified over consecutive customers (not drawn independently), so even
        // a dozen customers show each: 8% trialing, 10% canceled, 8% past due, the rest active.
        let roll = Int((UInt64(index) &* 37 &+ ids.seed % 100) % 100)
        plan.status = plan.deleted ? "canceled" : roll < 8 ? "trialing" : roll < 18 ? "canceled" : "active"
        var invoices: [SyntheticInvoicePlan] = []
        var lineOrdinal = index * stride * 2
        var invoiceItemOrdinal = index * stride

        /// One line per subscription item for a billing period (zero amounts during a trial).
        func subscriptionLines(period: (Int, Int), trial: Bool) -> [SyntheticLinePlan] {
            plan.items.map { item in
                let price = catalog.prices[item.price]
                defer { lineOrdinal += 1 }
                return SyntheticLinePlan(
                    id: ids.id("il", lineOrdinal), price: item.price, quantity: item.quantity,
                    amount: trial ? 0 : price.unitAmount * item.quantity, periodStart: period.0, periodEnd: period.1,
                    subscriptionItemID: item.id, invoiceItemID: nil,
                    description: trial ? "Trial period for \(price.productName)" : price.lineDescription(quantity: item.quantity))
            }
        }
        /// An invoice-item line for a one-time price.
        func oneTimeLine(price index: Int, quantity: Int, at time: Int) -> SyntheticLinePlan {
            let price = catalog.prices[index]
            defer {
                lineOrdinal += 1
                invoiceItemOrdinal += 1
            }
            return SyntheticLinePlan(
                id: ids.id("il", lineOrdinal), price: index, quantity: quantity, amount: price.unitAmount * quantity,
                periodStart: time, periodEnd: time, subscriptionItemID: nil,
                invoiceItemID: ids.id("ii", invoiceItemOrdinal), description: price.lineDescription(quantity: quantity))
        }
        let oneTimePrices = catalog.oneTimePrices(in: plan.currency)

        if plan.status == "trialing" {
            let trialDays = random.pick([14, 30])
            let start = max(plan.paymentMethodCreated + 5,
                            asOf - random.int(in: 1...(trialDays - 1)) * day - random.int(in: 0...(day - 1)))
            plan.subscriptionCreated = start
            plan.trialStart = start
            plan.trialEnd = start + trialDays * day
            plan.billingCycleAnchor = start + trialDays * day
            plan.currentPeriodStart = start
            plan.currentPeriodEnd = start + trialDays * day
            invoices.append(SyntheticInvoicePlan(
                id: "", created: start + 1, billingReason: "subscription_create", billsSubscription: true,
                lines: subscriptionLines(period: (start, start + trialDays * day), trial: true),
                periodStart: start, periodEnd: start, paid: true, finalizedAt: start + 1))
        } else {
            let start = plan.paymentMethodCreated + random.int(in: 5...120)
            plan.subscriptionCreated = start
            plan.billingCycleAnchor = start
            /// Start of billing period `k` (0 is the first).
            func periodStart(_ k: Int) -> Int { CivilCalendar.addMonths(start, k * months) }
            var current = 0
            while periodStart(current + 1) <= cutoff { current += 1 }
            var last = current
            var latestOpen = false
            if plan.status == "canceled" {
                var immediate = plan.deleted || random.chance(0.5)
                if current >= 1 {
                    last = current - 1 - (current >= 2 && random.chance(0.5) ? 1 : 0)
                } else {
                    immediate = true
                }
                let lastStart = periodStart(last)
                let lastEnd = periodStart(last + 1)
                if immediate {
                    let windowEnd = min(lastEnd, cutoff)
                    let ended = lastStart + day + random.int(in: 0...max(0, windowEnd - lastStart - 2 * day))
                    plan.canceledAt = ended
                    plan.endedAt = ended
                } else {
                    plan.canceledAt = lastStart + day + random.int(in: 0...max(0, lastEnd - lastStart - 2 * day))
                    plan.endedAt = lastEnd
                    plan.cancelAt = lastEnd
                    plan.cancelAtPeriodEnd = true
                }
            } else if roll < 26 {
                latestOpen = true
                plan.status = "past_due"
            }
            plan.earlierInvoices = max(0, last - 1)
            plan.currentPeriodStart = periodStart(last)
            plan.currentPeriodEnd = periodStart(last + 1)
            for k in max(0, last - 1)...last {
                let created = k == 0 ? start + 1 : periodStart(k) + random.int(in: 1...300)
                var lines = subscriptionLines(period: (periodStart(k), periodStart(k + 1)), trial: false)
                if k == 0, !oneTimePrices.isEmpty, random.chance(0.3) {
                    lines.append(oneTimeLine(price: random.pick(oneTimePrices), quantity: 1, at: start))
                }
                invoices.append(SyntheticInvoicePlan(
                    id: "", created: created, billingReason: k == 0 ? "subscription_create" : "subscription_cycle",
                    billsSubscription: true, lines: lines,
                    periodStart: k == 0 ? start : periodStart(k - 1), periodEnd: k == 0 ? start : periodStart(k),
                    paid: !(latestOpen && k == last),
                    finalizedAt: k == 0 ? created + 1 : created + 3600 + random.int(in: 0...600)))
            }
        }

        // Now and then a one-off invoice for a one-time purchase.
        let manualEnd = (plan.deleted ? plan.endedAt! : cutoff) - day
        let manualStart = plan.paymentMethodCreated + 2 * day
        if !oneTimePrices.isEmpty, manualEnd > manualStart, random.chance(0.3) {
            let created = random.int(in: manualStart...manualEnd)
            var chosen = [random.pick(oneTimePrices)]
            if oneTimePrices.count > 1 && random.chance(0.3) {
                chosen.append(random.pick(oneTimePrices.filter { $0 != chosen[0] }))
            }
            let lines = chosen.map { oneTimeLine(price: $0, quantity: random.int(in: 1...3), at: created - 600) }
            invoices.append(SyntheticInvoicePlan(
                id: "", created: created, billingReason: "manual", billsSubscription: false, lines: lines,
                periodStart: created, periodEnd: created, paid: plan.deleted || random.chance(0.85),
                finalizedAt: created + 60 + random.int(in: 0...3600)))
        }

        // Number the invoices in creation order and settle the paid ones.
        invoices.sort { $0.created < $1.created }
        for position in invoices.indices {
            let ordinal = index * stride + position
            invoices[position].id = ids.id("in", ordinal)
            invoices[position].number = plan.invoicePrefix + "-" + String(10_000 + plan.earlierInvoices + position + 1).dropFirst()
            invoices[position].oldShape = random.chance(0.5)
            if invoices[position].paid {
                if invoices[position].total > 0 {
                    let paymentIntentCreated = invoices[position].finalizedAt + random.int(in: 0...2)
                    let chargeCreated = paymentIntentCreated + random.int(in: 1...4)
                    invoices[position].paymentIntentID = ids.id("pi", ordinal)
                    invoices[position].chargeID = ids.id("ch", ordinal)
                    invoices[position].paymentIntentCreated = paymentIntentCreated
                    invoices[position].chargeCreated = chargeCreated
                    invoices[position].paidAt = chargeCreated + 1
                } else {
                    invoices[position].paidAt = invoices[position].finalizedAt
                }
            }
        }
        plan.invoices = invoices
        return plan
    }
}
