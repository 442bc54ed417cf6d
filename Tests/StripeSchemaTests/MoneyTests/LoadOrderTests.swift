import StripeSchema
import Testing

/// The load order comes from the catalog's references, cycles broken by declaration order.
@Suite("Dependency order computed from references")
struct LoadOrderTests {
    @Test("for every reference A → B outside a cycle, B loads before A")
    func referencedFirst() {
        let order = LoadOrder.resources
        var checked = 0
        for resource in Resource.allCases {
            for target in LoadOrder.references(of: resource) where !LoadOrder.inCycle(resource, target) {
                #expect(order.firstIndex(of: target)! < order.firstIndex(of: resource)!, "\(target) must load before \(resource)")
                #expect(target < resource)
                checked += 1
            }
        }
        #expect(checked > 0)
        #expect(Set(order) == Set(Resource.allCases) && order.count == Resource.allCases.count)
    }

    @Test("payouts and balance transactions reference each other: one cycle, in declaration order")
    func moneyCycle() {
        #expect(LoadOrder.inCycle(.payouts, .balanceTransactions))
        #expect(LoadOrder.inCycle(.refunds, .balanceTransactions))
        #expect(!LoadOrder.inCycle(.disputes, .balanceTransactions))
        #expect(!LoadOrder.references(of: .payouts).contains(.payouts), "a self-reference is no dependency")
        let order = LoadOrder.resources
        #expect(order.firstIndex(of: .charges)! < order.firstIndex(of: .refunds)!)
        #expect(order.firstIndex(of: .disputes)! < order.firstIndex(of: .balanceTransactions)!)
        #expect(order.firstIndex(of: .refunds)! < order.firstIndex(of: .balanceTransactions)!)
        #expect(order.firstIndex(of: .balanceTransactions)! < order.firstIndex(of: .payouts)!)
    }

    @Test("members of one cycle keep their declaration order")
    func cyclesInDeclarationOrder() {
        let order = LoadOrder.resources
        for (a, b) in zip(Resource.allCases, Resource.allCases.dropFirst()) where LoadOrder.inCycle(a, b) {
            #expect(order.firstIndex(of: a)! < order.firstIndex(of: b)!, "\(a) is declared before \(b)")
        }
    }

    @Test("the rule on a crafted graph: groups after what they reference, ties and cycles by index")
    func craftedGraph() {
        // 0 → 3; 1 ↔ 2 (a cycle) → 0; 3 depends on nothing; 4 depends on nothing.
        let edges: [Set<Int>] = [[3], [2, 0], [1], [], []]
        #expect(LoadOrder.order(edges: edges) == [3, 0, 1, 2, 4])
        // Unchanged input, unchanged order.
        #expect(LoadOrder.order(edges: edges) == LoadOrder.order(edges: edges))
        // A cycle through three nodes stays in index order and follows its dependency.
        #expect(LoadOrder.order(edges: [[2], [0], [1, 3], []]) == [3, 0, 1, 2])
    }

    @Test("`<` and the ingest inputs follow the computed order")
    func comparableFollowsOrder() {
        #expect(Resource.allCases.sorted() == LoadOrder.resources)
        #expect(LoadOrder.resources == LoadOrder.resources.shuffled().sorted())
    }
}
