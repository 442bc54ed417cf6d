import StripeHTTP
import StripeJSON
import StripeSchema

extension Fetcher {
    /// The first tasks: one open-tail slice per resource list (payment methods are reached
    /// through the customers' list).
    func listTasks(manifest: FetchManifest, resources: [Resource]) -> [FetchTask] {
        let wanted = Set(resources)
        var slices: [ListSlice] = []
        for resource in ResourceSpec.listed(resources) where resource != .paymentMethods {
            var parameters = ResourceSpec.of(resource).listParameters.map { ($0.name, FormValue.string($0.value)) }
            let expansions = ResourceSpec.listExpansions(of: resource)
            if !expansions.isEmpty { parameters.append(("expand", .array(expansions.map { FormValue.string($0) }))) }
            slices.append(ListSlice(
                resource: resource, path: resource.listPath, parameters: parameters,
                lower: manifest.entry(resource)?.createdSince, upper: nil, isTail: true, writes: true,
                fetchesPaymentMethods: resource == .customers && wanted.contains(.paymentMethods)))
        }
        if wanted.contains(.paymentMethods) && !wanted.contains(.customers) {
            // Only to find the customers whose payment methods to fetch; accounted to payment methods.
            slices.append(ListSlice(
                resource: .paymentMethods, path: Resource.customers.listPath, parameters: [],
                lower: manifest.entry(.paymentMethods)?.createdSince, upper: nil, isTail: true, writes: false,
                fetchesPaymentMethods: true))
        }
        return slices.map(sliceTask)
    }

    /// Pages one slice newest first, writing (and completing) its objects; an open tail splits
    /// off the older part of its range after its first page.
    func sliceTask(_ initial: ListSlice) -> FetchTask {
        FetchTask(resource: initial.resource, priority: .list) { [self] worker in
            var slice = initial
            try forEachPage(slice.path, resource: slice.resource, worker: worker, parameters: {
                slice.parameters + (slice.createdFilter.map { [$0] } ?? [])
            }) { objects, ids in
                if slice.fetchesPaymentMethods {
                    queue.add(ids.map(paymentMethodsTask))
                }
                if slice.writes {
                    for (id, object) in zip(ids, objects) {
                        try emit(slice.resource, id: id, object: try complete(object, id: id, resource: slice.resource, worker: worker))
                    }
                }
                if slice.isTail, let newest = objects.first?["created"]?.int64Value, let oldest = objects.last?["created"]?.int64Value {
                    let width = max(Int(newest - oldest), 1)
                    let boundary = Int(oldest) - width * (options.pagesPerSlice - 1)
                    if boundary > (slice.lower ?? Int.min) {
                        var older = slice
                        older.upper = boundary
                        queue.add([sliceTask(older)])
                        slice.lower = boundary
                        slice.isTail = false
                    }
                }
            }
            return []
        }
    }

    /// Fetches one customer's payment methods.
    func paymentMethodsTask(customer: String) -> FetchTask {
        FetchTask(resource: .paymentMethods, priority: .leaf) { [self] worker in
            let methods = try pageAll("/v1/customers/\(customer)/payment_methods", [], resource: .paymentMethods, worker: worker)
            for method in methods {
                guard let id = method["id"]?.stringValue else { continue }
                try emit(.paymentMethods, id: id, object: method)
            }
            return []
        }
    }

    /// Retrieves one payment method by id: one that objects reference but no customer lists any
    /// more (detached, or its customer deleted). One that no longer exists is left to ingest's placeholder.
    func paymentMethodTask(id: String) -> FetchTask {
        FetchTask(resource: .paymentMethods, priority: .leaf) { [self] worker in
            do {
                let method = try worker.get("/v1/payment_methods/\(id)", [], for: .paymentMethods)
                try emit(.paymentMethods, id: id, object: method)
            } catch HTTPError.api(let error) where error.status == 404 {
                return []
            }
            return []
        }
    }

    /// Pages `path` with this fetch's page size through `worker` (see `StripeListPaging`).
    func forEachPage(
        _ path: String, resource: Resource?, worker: FetchWorker, parameters: () -> [(String, FormValue)],
        _ body: (_ objects: [JSONValue], _ ids: [String]) throws -> Void
    ) throws {
        try StripeListPaging.forEachPage(
            path, pageSize: options.pageSize, parameters: parameters, get: { try worker.get(path, $0, for: resource) }, body)
    }

    /// Every object of a small list.
    func pageAll(_ path: String, _ parameters: [(String, FormValue)], resource: Resource, worker: FetchWorker) throws -> [JSONValue] {
        var all: [JSONValue] = []
        try forEachPage(path, resource: resource, worker: worker, parameters: { parameters }) { objects, _ in all += objects }
        return all
    }

    /// `object` with its embedded child lists made whole: each child list of the resource's spec
    /// (an invoice's `lines`, a subscription's `items`) that says `has_more` is replaced by every
    /// child, paged from the child's own endpoint.
    func complete(_ object: JSONValue, id: String, resource: Resource, worker: FetchWorker) throws -> JSONValue {
        var result = object
        for child in ResourceSpec.of(resource).children {
            result = try complete(child, of: result, id: id, resource: resource, worker: worker)
        }
        return result
    }

    /// `object` with the embedded list of `child` made whole, if it says `has_more`; a list the
    /// parent carries only on request (`isIncludableOnly`) is paged and embedded when absent.
    private func complete(_ child: ChildTableSpec, of object: JSONValue, id: String, resource: Resource,
                          worker: FetchWorker) throws -> JSONValue {
        let key = child.listKey
        guard case .object(var members) = object else { return object }
        var list: JSONObject
        switch members[key] {
        case .object(let embedded)? where embedded["has_more"]?.boolValue == true:
            list = embedded
        case nil where child.isIncludableOnly, .null? where child.isIncludableOnly:
            list = JSONObject()
            list.set("object", .string("list"))
        default:
            return object
        }
        let (path, parameters) = child.endpoint(parent: id)
        let children = try pageAll(path, parameters.map { ($0.name, FormValue.string($0.value)) }, resource: resource, worker: worker)
        list.set("data", .array(children))
        list.set("has_more", .bool(false))
        if list["url"] == nil { list.set("url", .string(path)) }
        members.set(key, .object(list))
        return .object(members)
    }
}
