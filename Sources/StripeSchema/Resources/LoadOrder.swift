/// The order resources load, check and fetch in, computed from the catalog's references rather
/// than listed by hand: a resource comes after every resource its columns and its child tables'
/// columns reference (a refund after charges).
///
/// References can form cycles (a payout names its balance transaction, whose `source` may be the
/// payout; a payment intent names its latest charge, which names the payment intent). The rule
/// that breaks them, deterministically:
/// - the resources that reach each other through references form one group; a self-reference
///   (a payout's `original_payout`) is no dependency;
/// - a group comes after every group it references; among groups whose references are all
///   placed, the one holding the resource declared first in `Resource` goes first;
/// - inside a group, resources keep their declaration order.
///
/// Nothing is lost by loading one member of a cycle before another: the foreign keys are
/// deferrable, and a reference to a row still missing at the end of the run gets a placeholder.
public enum LoadOrder {
    /// Every resource, parents first.
    public static let resources: [Resource] = {
        let all = Resource.allCases
        let edges = all.map { resource in Set(references(of: resource).compactMap { all.firstIndex(of: $0) }) }
        return order(edges: edges).map { all[$0] }
    }()

    /// The resources `resource` references through its columns and its child tables' columns,
    /// itself excluded.
    public static func references(of resource: Resource) -> Set<Resource> {
        let spec = ResourceSpec.of(resource)
        let columns = spec.columns + spec.children.flatMap(\.columns)
        return Set(columns.compactMap(\.referencedResource)).subtracting([resource])
    }

    /// True when `resource` and `target` reach each other through references (one cycle's members).
    public static func inCycle(_ resource: Resource, _ target: Resource) -> Bool {
        reaches(resource, target) && reaches(target, resource)
    }

    private static func reaches(_ start: Resource, _ goal: Resource) -> Bool {
        var seen: Set<Resource> = [start]
        var pending = [start]
        while let next = pending.popLast() {
            for target in references(of: next) {
                if target == goal { return true }
                if seen.insert(target).inserted { pending.append(target) }
            }
        }
        return false
    }

    /// The order of nodes `0..<edges.count`, where `edges[n]` holds the nodes `n` depends on,
    /// by the rule above (groups of mutually reachable nodes; ties by the smallest index).
    public static func order(edges: [Set<Int>]) -> [Int] {
        let reach = closure(edges)
        var groups: [[Int]] = []
        var grouped = Set<Int>()
        for node in edges.indices where !grouped.contains(node) {
            let group = edges.indices.filter { $0 == node || (reach[node].contains($0) && reach[$0].contains(node)) }
            grouped.formUnion(group)
            groups.append(group)
        }
        var placed = Set<Int>()
        var result: [Int] = []
        while result.count < edges.count {
            guard let next = groups.firstIndex(where: { group in
                !placed.contains(group[0]) && group.allSatisfy { edges[$0].subtracting(group).isSubset(of: placed) }
            }) else { preconditionFailure("reference groups must form an acyclic graph") }
            placed.formUnion(groups[next])
            result += groups[next]
        }
        return result
    }

    /// For each node, every node it reaches through one or more edges.
    private static func closure(_ edges: [Set<Int>]) -> [Set<Int>] {
        edges.indices.map { start in
            var seen = Set<Int>()
            var pending = Array(edges[start])
            while let next = pending.popLast() {
                if seen.insert(next).inserted { pending += edges[next] }
            }
            return seen
        }
    }
}
