extension EmulatorState {
    /// A Stripe list object over the live objects of `kind` that pass `filter`, newest first,
    /// honouring `limit`, `starting_after`, `ending_before` and `created[…]`.
    func list(_ kind: ResourceKind, _ params: Params, url: String,
              filter: (JSONValue) -> Bool = { _ in true }) throws -> JSONValue {
        try page(table(kind), kind: kind, params, url: url, filter: filter)
    }

    /// Pages over an explicit table (used for invoice lines).
    func page(_ table: ResourceTable, kind: ResourceKind, _ params: Params, url: String,
              filter: (JSONValue) -> Bool = { _ in true }) throws -> JSONValue {
        let limit = try params.int("limit") ?? 10
        guard (1...100).contains(limit) else {
            throw StripeError.invalid("limit", "Invalid limit: must be between 1 and 100", code: "parameter_invalid_integer")
        }
        let created = try createdFilter(params)
        var items = table.newestFirst.filter { object in
            guard filter(object) else { return false }
            let time = object["created"]?.intValue ?? 0
            return created(time)
        }
        let startingAfter = params.string("starting_after")
        let endingBefore = params.string("ending_before")
        if startingAfter != nil && endingBefore != nil {
            throw StripeError.invalid("ending_before", "You may only specify one of these parameters: starting_after, ending_before.")
        }
        var hasMore = false
        if let cursor = startingAfter ?? endingBefore {
            let param = startingAfter != nil ? "starting_after" : "ending_before"
            guard let position = table.sequence[cursor] else { throw StripeError.noSuch(kind.noun, cursor, param: param) }
            let sequenceOf = { (object: JSONValue) in table.sequence[object["id"]?.stringValue ?? ""] ?? -1 }
            if startingAfter != nil {
                items = items.filter { sequenceOf($0) < position }
                hasMore = items.count > limit
                items = Array(items.prefix(limit))
            } else {
                items = items.filter { sequenceOf($0) > position }
                hasMore = items.count > limit
                items = Array(items.suffix(limit))
            }
        } else {
            hasMore = items.count > limit
            items = Array(items.prefix(limit))
        }
        return .object(["object": "list", "data": .array(items), "has_more": .bool(hasMore), "url": .string(url)])
    }

    private func createdFilter(_ params: Params) throws -> (Int) -> Bool {
        guard let raw = params.values["created"] else { return { _ in true } }
        if let exact = raw.intValue { return { $0 == exact } }
        guard let bounds = raw.objectValue else {
            throw StripeError.invalid("created", "Invalid created: must be an integer or a hash of gt, gte, lt, lte")
        }
        var checks: [(Int) -> Bool] = []
        for (key, value) in bounds {
            guard let bound = value.intValue else {
                throw StripeError.invalid("created[\(key)]", "Invalid integer: \(value.stringValue ?? "")", code: "parameter_invalid_integer")
            }
            switch key {
            case "gt": checks.append { $0 > bound }
            case "gte": checks.append { $0 >= bound }
            case "lt": checks.append { $0 < bound }
            case "lte": checks.append { $0 <= bound }
            default: throw StripeError.unknown("created[\(key)]")
            }
        }
        return { time in checks.allSatisfy { $0(time) } }
    }

    /// Applies `expand[]` paths to a response (an object or a list; `data.` paths reach list items);
    /// an invoice's includable `payments` list is added when a path names it.
    func expanded(_ value: JSONValue, _ paths: [[String]]) -> JSONValue {
        var result = value
        for path in paths where !path.isEmpty {
            result = expand(result, path[...])
        }
        return result
    }

    private func expand(_ value: JSONValue, _ path: ArraySlice<String>) -> JSONValue {
        guard let head = path.first else { return value }
        guard case .object(var members) = value else { return value }
        if head == "payments", members["payments"] == nil, members["object"]?.stringValue == "invoice",
           let id = members["id"]?.stringValue {
            // Includable: an invoice carries its payments only when asked to.
            members["payments"] = paymentsSummary(id)
        }
        if head == "line_items", members["line_items"] == nil, members["object"]?.stringValue == "checkout.session",
           let id = members["id"]?.stringValue {
            // Includable: a checkout session carries its line items only when asked to.
            let items = checkoutLineItemTable(id).newestFirst
            members["line_items"] = .object(["object": "list", "data": .array(Array(items.prefix(10))),
                                             "has_more": .bool(items.count > 10),
                                             "url": .string("/v1/checkout/sessions/\(id)/line_items")])
        }
        guard let field = members[head] else { return value }
        let rest = path.dropFirst()
        members[head] = expandField(field, rest)
        return .object(members)
    }

    private func expandField(_ field: JSONValue, _ rest: ArraySlice<String>) -> JSONValue {
        switch field {
        case .string(let id):
            guard let object = lookup(id) else { return field }
            return expand(object, rest)
        case .object:
            return expand(field, rest)
        case .array(let elements):
            return .array(elements.map { expandField($0, rest) })
        default:
            return field
        }
    }
}
