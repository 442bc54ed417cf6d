import BundledFiles
import Foundation

/// The sandbox data set `populate` creates (`fixtures/populate.json`): flat lists of objects
/// that refer to each other by fixture key.
public struct PopulateFixture: Decodable, Sendable, Equatable {
    /// The fixture shipped with the project, relative to the repository root.
    public static let defaultPath = "fixtures/populate.json"
    /// The metadata key every populated object carries its fixture key under.
    public static let keyMetadata = "fixture_key"
    /// The metadata key of the generation a recreated subscription belongs to.
    public static let generationMetadata = "fixture_generation"

    /// Format version (1).
    public var version: Int
    /// Products.
    public var products: [FixtureProduct]
    /// Prices of those products.
    public var prices: [FixturePrice]
    /// Customers.
    public var customers: [FixtureCustomer]
    /// Card payment methods attached to those customers.
    public var paymentMethods: [FixturePaymentMethod]
    /// Subscriptions.
    public var subscriptions: [FixtureSubscription]
    /// One-off payments.
    public var paymentIntents: [FixturePaymentIntent]
    /// Refunds of payments.
    public var refunds: [FixtureRefund]
    /// Payouts of the balance the payments left (optional in the file).
    public var payouts: [FixturePayout]?
    /// Coupons, promotion codes, plans, tax rates, invoice items, setup intents and discounts
    /// (absent in older fixtures).
    public var billing: [FixtureBillingObject]?
    /// Credit notes on subscriptions' first invoices (none when the file lists none).
    public var creditNotes: [FixtureCreditNote]
    /// Checkout sessions (none when the file lists none).
    public var checkoutSessions: [FixtureCheckoutSession]

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case version, products, prices, customers, subscriptions, refunds, payouts, billing
        case paymentMethods = "payment_methods"
        case paymentIntents = "payment_intents"
        case creditNotes = "credit_notes"
        case checkoutSessions = "checkout_sessions"
    }

    /// Decodes the fixture; `payouts`, `billing`, `credit_notes` and `checkout_sessions` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        products = try container.decode([FixtureProduct].self, forKey: .products)
        prices = try container.decode([FixturePrice].self, forKey: .prices)
        customers = try container.decode([FixtureCustomer].self, forKey: .customers)
        paymentMethods = try container.decode([FixturePaymentMethod].self, forKey: .paymentMethods)
        subscriptions = try container.decode([FixtureSubscription].self, forKey: .subscriptions)
        paymentIntents = try container.decode([FixturePaymentIntent].self, forKey: .paymentIntents)
        refunds = try container.decode([FixtureRefund].self, forKey: .refunds)
        payouts = try container.decodeIfPresent([FixturePayout].self, forKey: .payouts)
        billing = try container.decodeIfPresent([FixtureBillingObject].self, forKey: .billing)
        creditNotes = try container.decodeIfPresent([FixtureCreditNote].self, forKey: .creditNotes) ?? []
        checkoutSessions = try container.decodeIfPresent([FixtureCheckoutSession].self, forKey: .checkoutSessions) ?? []
    }

    /// Reads and validates the fixture at `path`.
    public static func load(path: String) throws -> PopulateFixture {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PopulateError.fixtureFile(file: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(data, file: path)
    }

    /// The shipped fixture (`fixtures/populate.json` as it was when the executable was built, so
    /// `populate` works from any directory).
    public static func bundled() throws -> PopulateFixture {
        try decode(BundledFile.fixture(named: "populate.json").contents, file: "\(defaultPath) (built into stripe-oltp)")
    }

    /// Decodes and validates fixture JSON; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> PopulateFixture {
        let fixture: PopulateFixture
        do {
            fixture = try JSONDecoder().decode(PopulateFixture.self, from: data)
        } catch let error as DecodingError {
            throw PopulateError.fixtureFile(file: file, reason: describe(error))
        } catch {
            throw PopulateError.fixtureFile(file: file, reason: "\(error)")
        }
        try fixture.validate(file: file)
        return fixture
    }

    /// Checks keys are unique and non-empty, references resolve to objects of the right kind,
    /// amounts, currencies, intervals and statuses are ones Stripe accepts, and every object can
    /// reach its final state.
    public func validate(file: String) throws {
        func fail(_ key: String, _ reason: String) -> PopulateError { .fixture(file: file, key: key, reason: reason) }
        guard version == 1 else { throw fail("version", "unsupported version \(version); expected 1") }
        var seen: Set<String> = []
        let allKeys = products.map(\.key) + prices.map(\.key) + customers.map(\.key) + paymentMethods.map(\.key)
            + subscriptions.map(\.key) + paymentIntents.map(\.key) + refunds.map(\.key) + (payouts ?? []).map(\.key)
            + (billing ?? []).map(\.key) + creditNotes.map(\.key) + checkoutSessions.map(\.key)
        for key in allKeys {
            guard !key.isEmpty, key.count <= 100, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else { throw fail(key, "a fixture key must be 1 to 100 ASCII letters, digits, '-' or '_'") }
            guard seen.insert(key).inserted else { throw fail(key, "the key is used twice") }
        }
        let productKeys = Set(products.map(\.key))
        let pricesByKey = Dictionary(uniqueKeysWithValues: prices.map { ($0.key, $0) })
        let customersByKey = Dictionary(uniqueKeysWithValues: customers.map { ($0.key, $0) })
        let methodsByKey = Dictionary(uniqueKeysWithValues: paymentMethods.map { ($0.key, $0) })
        let intentsByKey = Dictionary(uniqueKeysWithValues: paymentIntents.map { ($0.key, $0) })
        let currency = { (text: String) in text.count == 3 && text.allSatisfy { $0.isASCII && $0.isLowercase } }

        for product in products where product.name.isEmpty { throw fail(product.key, "name is empty") }
        for price in prices {
            guard productKeys.contains(price.product) else { throw fail(price.key, "product '\(price.product)' is not a fixture product") }
            guard currency(price.currency) else { throw fail(price.key, "currency '\(price.currency)' is not a lower-case ISO code") }
            guard price.unitAmount >= 0 else { throw fail(price.key, "unit_amount must not be negative") }
            if let recurring = price.recurring {
                guard ["day", "week", "month", "year"].contains(recurring.interval) else {
                    throw fail(price.key, "recurring interval '\(recurring.interval)' is not day, week, month or year")
                }
                guard recurring.count >= 1 else { throw fail(price.key, "recurring interval_count must be at least 1") }
            }
        }
        for customer in customers {
            guard customer.email.contains("@") else { throw fail(customer.key, "email '\(customer.email)' is not an address") }
        }
        guard Set(customers.map { $0.email.lowercased() }).count == customers.count else {
            throw fail("customers", "two customers share an e-mail address; populate finds customers by it")
        }
        for method in paymentMethods {
            guard customersByKey[method.customer] != nil else { throw fail(method.key, "customer '\(method.customer)' is not a fixture customer") }
            guard method.cardName != nil else {
                throw fail(method.key, "test_payment_method '\(method.testPaymentMethod)' is not a pm_card_… test payment method")
            }
        }
        for customer in customers {
            let defaults = paymentMethods.filter { $0.customer == customer.key && $0.isDefault == true }
            guard defaults.count <= 1 else { throw fail(customer.key, "more than one default payment method") }
        }
        for subscription in subscriptions {
            guard let customer = customersByKey[subscription.customer] else {
                throw fail(subscription.key, "customer '\(subscription.customer)' is not a fixture customer")
            }
            guard !customer.endsDeleted else {
                throw fail(subscription.key, "customer '\(customer.key)' is deleted at the end, which cancels its subscriptions")
            }
            guard methodsByKey[subscription.paymentMethod]?.customer == subscription.customer else {
                throw fail(subscription.key, "payment_method '\(subscription.paymentMethod)' is not one of \(subscription.customer)'s")
            }
            guard FixtureSubscription.finalStatuses.contains(subscription.finalStatus) else {
                throw fail(subscription.key, "final_status '\(subscription.finalStatus)' is not one of \(FixtureSubscription.finalStatuses.sorted().joined(separator: ", "))")
            }
            guard (subscription.finalStatus == "trialing") == (subscription.trialPeriodDays != nil) else {
                throw fail(subscription.key, "trial_period_days goes with final_status trialing, and only with it")
            }
            if let days = subscription.trialPeriodDays, !(1...730).contains(days) {
                throw fail(subscription.key, "trial_period_days must be between 1 and 730")
            }
            guard !subscription.items.isEmpty else { throw fail(subscription.key, "items is empty") }
            var shapes: Set<String> = []
            for item in subscription.items {
                guard let price = pricesByKey[item.price] else { throw fail(subscription.key, "price '\(item.price)' is not a fixture price") }
                guard let recurring = price.recurring else { throw fail(subscription.key, "price '\(item.price)' is not recurring") }
                guard (item.quantity ?? 1) >= 1 else { throw fail(subscription.key, "quantity must be at least 1") }
                shapes.insert("\(price.currency)/\(recurring.interval)/\(recurring.count)")
            }
            guard shapes.count == 1 else { throw fail(subscription.key, "items must share one currency and billing interval") }
        }
        for intent in paymentIntents {
            guard customersByKey[intent.customer] != nil else { throw fail(intent.key, "customer '\(intent.customer)' is not a fixture customer") }
            guard methodsByKey[intent.paymentMethod]?.customer == intent.customer else {
                throw fail(intent.key, "payment_method '\(intent.paymentMethod)' is not one of \(intent.customer)'s")
            }
            guard currency(intent.currency) else { throw fail(intent.key, "currency '\(intent.currency)' is not a lower-case ISO code") }
            guard intent.amount >= 50 else { throw fail(intent.key, "amount must be at least 50 (Stripe's minimum charge)") }
            guard FixturePaymentIntent.finalStatuses.contains(intent.finalStatus) else {
                throw fail(intent.key, "final_status '\(intent.finalStatus)' is not one of \(FixturePaymentIntent.finalStatuses.sorted().joined(separator: ", "))")
            }
        }
        for refund in refunds {
            guard let intent = intentsByKey[refund.paymentIntent] else {
                throw fail(refund.key, "payment_intent '\(refund.paymentIntent)' is not a fixture payment")
            }
            guard intent.finalStatus == "succeeded" else { throw fail(refund.key, "payment '\(intent.key)' does not succeed, so it cannot be refunded") }
            if let amount = refund.amount, !(1...intent.amount).contains(amount) {
                throw fail(refund.key, "amount must be between 1 and the payment's \(intent.amount)")
            }
            if let reason = refund.reason, !["duplicate", "fraudulent", "requested_by_customer"].contains(reason) {
                throw fail(refund.key, "reason '\(reason)' is not duplicate, fraudulent or requested_by_customer")
            }
        }
        for payout in payouts ?? [] {
            guard currency(payout.currency) else { throw fail(payout.key, "currency '\(payout.currency)' is not a lower-case ISO code") }
            guard payout.amount >= 1 else { throw fail(payout.key, "amount must be at least 1") }
        }
        try validateBilling(file: file)
        try validateCreditNotesAndCheckoutSessions(file: file)
        for object in (payouts ?? []).map({ ($0.key, $0.metadata) }) + (billing ?? []).map({ ($0.key, $0.metadata) })
            + products.map({ ($0.key, $0.metadata) }) + prices.map({ ($0.key, $0.metadata) })
            + customers.map({ ($0.key, $0.metadata) }) + subscriptions.map({ ($0.key, $0.metadata) })
            + paymentIntents.map({ ($0.key, $0.metadata) }) + refunds.map({ ($0.key, $0.metadata) })
            + creditNotes.map({ ($0.key, $0.metadata) }) + checkoutSessions.map({ ($0.key, $0.metadata) }) {
            let names = object.1?.keys ?? [:].keys
            if names.contains(PopulateFixture.keyMetadata) || names.contains(PopulateFixture.generationMetadata) {
                throw fail(object.0, "metadata must not set \(PopulateFixture.keyMetadata) or \(PopulateFixture.generationMetadata); populate sets them")
            }
        }
    }

    /// The fixture key kinds each billing reference parameter may name.
    static let billingReferences: [String: String] = [
        "coupon": "coupons", "product": "products", "customer": "customers", "payment_method": "payment_methods",
        "promotion_code": "promotion_codes", "price": "prices",
    ]

    /// Checks each billing object: a known kind, references to fixture objects of the right kind
    /// (a customer that stays), and what its kind needs (a discount's customer and coupon).
    func validateBilling(file: String) throws {
        func fail(_ key: String, _ reason: String) -> PopulateError { .fixture(file: file, key: key, reason: reason) }
        var kinds: [String: String] = [:]
        for product in products { kinds[product.key] = "products" }
        for price in prices { kinds[price.key] = "prices" }
        for customer in customers { kinds[customer.key] = "customers" }
        for method in paymentMethods { kinds[method.key] = "payment_methods" }
        let deleted = Set(customers.filter(\.endsDeleted).map(\.key))
        for object in billing ?? [] {
            guard let kind = object.populateResource else {
                throw fail(object.key, "resource '\(object.resource)' is not one of \(PopulateResource.billing.map(\.rawValue).joined(separator: ", "))")
            }
            for (parameter, target) in (object.refs ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let expected = Self.billingReferences[parameter] else {
                    throw fail(object.key, "refs.\(parameter) is not a parameter that names a fixture object")
                }
                guard kinds[target] == expected else { throw fail(object.key, "refs.\(parameter) '\(target)' is not a fixture \(expected) key") }
                guard !deleted.contains(target) else { throw fail(object.key, "customer '\(target)' is deleted at the end") }
            }
            if kind == .discounts, object.refs?["customer"] == nil || object.refs?["coupon"] == nil {
                throw fail(object.key, "a discount needs refs.customer and refs.coupon")
            }
            kinds[object.key] = kind.rawValue
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "not valid JSON at \(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
