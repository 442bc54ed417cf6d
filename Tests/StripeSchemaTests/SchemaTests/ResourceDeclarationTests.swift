import Foundation
import PureTestSupport
import StripeJSON
import StripeSchema
import Testing

/// Each resource's facts live in its catalog declaration, and nothing else lists the resources.
@Suite("One declaration per resource")
struct ResourceDeclarationTests {
    @Test("object names default to the singular table name and find their resource")
    func objectNames() {
        let expected: [Resource: String] = [
            .products: "product", .prices: "price", .customers: "customer", .paymentMethods: "payment_method",
            .subscriptions: "subscription", .invoices: "invoice", .paymentIntents: "payment_intent",
            .charges: "charge", .invoicePayments: "invoice_payment",
            .refunds: "refund", .disputes: "dispute", .balanceTransactions: "balance_transaction", .payouts: "payout",
            .coupons: "coupon", .promotionCodes: "promotion_code", .plans: "plan", .taxRates: "tax_rate",
            .invoiceItems: "invoiceitem", .setupIntents: "setup_intent", .discounts: "discount",
            .creditNotes: "credit_note", .checkoutSessions: "checkout.session", .events: "event",
        ]
        // Stripe spells the invoice items' object and endpoint without the underscore.
        let listPaths: [Resource: String] = [.invoiceItems: "/v1/invoiceitems", .checkoutSessions: "/v1/checkout/sessions"]
        for resource in Resource.allCases {
            #expect(resource.objectName == expected[resource], "\(resource)")
            #expect(Resource(objectName: resource.objectName) == resource)
            #expect(resource.listPath == listPaths[resource, default: "/v1/\(resource.tableName)"])
        }
    }

    @Test("subscriptions are listed with status=all and stay after their deletion event; others do not")
    func listingAndDeletion() {
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            let parameters = spec.listParameters.map { "\($0.name)=\($0.value)" }
            #expect(parameters == (resource == .subscriptions ? ["status=all"] : []), "\(resource)")
            #expect(spec.deletionEventsDelete == (resource != .subscriptions), "\(resource)")
        }
    }

    @Test("child lists name their embedded member and their own endpoint for one parent")
    func childEndpoints() throws {
        let lines = try #require(ResourceSpec.of(.invoices).children.first)
        #expect(lines.listKey == "lines")
        let linesEndpoint = lines.endpoint(parent: "in_1")
        #expect(linesEndpoint.path == "/v1/invoices/in_1/lines" && linesEndpoint.parameters.isEmpty)
        let items = try #require(ResourceSpec.of(.subscriptions).children.first)
        #expect(items.listKey == "items")
        let itemsEndpoint = items.endpoint(parent: "sub_1")
        #expect(itemsEndpoint.path == "/v1/subscription_items")
        #expect(itemsEndpoint.parameters.map { "\($0.name)=\($0.value)" } == ["subscription=sub_1"])
        let notes = try #require(ResourceSpec.of(.creditNotes).children.first)
        #expect(notes.listKey == "lines" && !notes.isIncludableOnly)
        #expect(notes.endpoint(parent: "cn_1").path == "/v1/credit_notes/cn_1/lines")
        let sessionItems = try #require(ResourceSpec.of(.checkoutSessions).children.first)
        #expect(sessionItems.listKey == "line_items" && sessionItems.isIncludableOnly)
        #expect(sessionItems.endpoint(parent: "cs_1").path == "/v1/checkout/sessions/cs_1/line_items")
        #expect(Resource.allCases.filter { ResourceSpec.of($0).children.contains(where: \.isIncludableOnly) } == [.checkoutSessions])
    }

    @Test("objects embedded in other resources' objects are declared one way, on the embedded resource")
    func embeddedLocations() {
        let hosted = { (host: Resource) in ResourceSpec.embedded(in: host).map { $0.resource.rawValue + "@" + $0.location.paths.map(\.description).joined(separator: ",") } }
        #expect(hosted(.charges) == ["refunds@refunds.data,refunds"])
        #expect(hosted(.disputes) == ["balance_transactions@balance_transactions"])
        #expect(hosted(.customers) == ["discounts@discount"])
        #expect(hosted(.invoices) == ["discounts@discounts", "discounts@total_discount_amounts"])
        #expect(ResourceSpec.listExpansions(of: .charges).isEmpty && ResourceSpec.listExpansions(of: .disputes).isEmpty)
        #expect(ResourceSpec.listExpansions(of: .invoiceItems) == ["data.discounts"])
        let older = JSONValue.object(JSONObject([("refunds", .array([.string("re_1")]))]))
        let location = ResourceSpec.embedded(in: .charges)[0].location
        #expect(location.values(in: older) == [.string("re_1")], "the bare array of older API versions is the second path")
    }

    @Test("fetch lists only the resources with a list endpoint, in the order asked")
    func listedResources() {
        #expect(ResourceSpec.listed(Resource.allCases) == Resource.allCases.filter { $0 != .discounts })
        #expect(ResourceSpec.listed([.invoices, .discounts, .customers]) == [.invoices, .customers])
    }

    @Test("each resource's dating column is a timestamp column it declares; discounts have none")
    func datingColumns() {
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            guard let column = spec.datingColumn else {
                #expect(resource == .discounts, "\(resource) has no dating column")
                continue
            }
            let declared = spec.columns.first { $0.name == column }
            #expect(declared.map { if case .timestamp = $0.kind { true } else { false } } == true,
                    "\(resource) is dated by \(column), which is not one of its timestamp columns")
        }
    }

    @Test("the Makefile and bench scripts list no resources by hand", arguments: [
        "Makefile", "scripts/bench.sh", "scripts/bench-fetch.sh",
    ])
    func noHandLists(file: String) throws {
        let text = try String(contentsOf: TestFolders.repoRoot.appendingPathComponent(file), encoding: .utf8)
        let names = Set(Resource.allCases.map(\.rawValue))
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: { !($0.isLetter || $0 == "_") }).map(String.init)
            let listed = Set(words).intersection(names)
            #expect(listed.count <= 2, "\(file):\(number + 1) lists \(listed.sorted()); derive it from `stripe-oltp resources`")
        }
    }
}
