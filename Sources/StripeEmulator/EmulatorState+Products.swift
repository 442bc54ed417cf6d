extension EmulatorState {
    static let productFields: Set<String> = [
        "name", "active", "description", "id", "images", "metadata", "shippable", "statement_descriptor",
        "tax_code", "unit_label", "url", "type", "default_price_data", "marketing_features", "package_dimensions",
    ]

    mutating func createProduct(_ params: Params) throws -> JSONValue {
        try params.allow(Self.productFields)
        let name = try params.requireString("name")
        let id = params.string("id") ?? newID(.product)
        if lookup(id) != nil {
            throw StripeError(status: 400, type: "invalid_request_error", code: "resource_already_exists",
                              message: "Product already exists.", param: "id")
        }
        let created = now()
        var fields: [String: JSONValue] = ["id": .string(id), "object": "product", "created": .int(created)]
        fields["active"] = .bool(try params.bool("active") ?? true)
        fields["default_price"] = .null
        for key in ["description", "statement_descriptor", "tax_code", "unit_label", "url"] {
            fields[key] = params.string(key).map { JSONValue.string($0) } ?? .null
        }
        fields["images"] = .array(params.values["images"]?.arrayValue ?? [])
        fields["livemode"] = false
        fields["marketing_features"] = .array([])
        fields["metadata"] = try params.metadata(updating: nil)
        fields["name"] = .string(name)
        fields["package_dimensions"] = .null
        fields["shippable"] = try params.bool("shippable").map { JSONValue.bool($0) } ?? .null
        fields["type"] = .string(params.string("type") ?? "service")
        fields["updated"] = .int(created)
        var product = JSONValue.object(fields)
        store(.product, product)
        emit("product.created", product)
        if let priceData = params.object("default_price_data") {
            var priceParams = priceData
            priceParams["product"] = .string(id)
            let price = try createPrice(Params(priceParams))
            let old = product
            product["default_price"] = price["id"]
            update(.product, from: old, to: product)
        }
        return product
    }

    mutating func updateProduct(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(Self.productFields.subtracting(["id", "default_price_data"]).union(["default_price"]))
        let old = try fetch(.product, id)
        var product = old
        for key in ["name", "description", "statement_descriptor", "tax_code", "unit_label", "url"] where params.has(key) {
            product[key] = params.string(key).map { .string($0) } ?? .null
        }
        if let active = try params.bool("active") { product["active"] = .bool(active) }
        if let shippable = try params.bool("shippable") { product["shippable"] = .bool(shippable) }
        if let images = params.values["images"]?.arrayValue { product["images"] = .array(images) }
        if let priceID = params.string("default_price") {
            _ = try fetch(.price, priceID, param: "default_price")
            product["default_price"] = .string(priceID)
        }
        product["metadata"] = try params.metadata(updating: old["metadata"])
        if product != old { product["updated"] = .int(now()) }
        update(.product, from: old, to: product)
        return product
    }

    mutating func deleteProduct(_ id: String) throws -> JSONValue {
        let product = try fetch(.product, id)
        if table(.price).order.contains(where: { table(.price)[$0]?["product"]?.stringValue == id }) {
            throw StripeError(status: 400, type: "invalid_request_error",
                              message: "This product cannot be deleted because it has one or more user-created prices.")
        }
        remove(.product, id)
        emit("product.deleted", product)
        return .object(["id": .string(id), "object": "product", "deleted": true])
    }

    func listProducts(_ params: Params) throws -> JSONValue {
        try params.allow(["active", "created", "ids", "limit", "starting_after", "ending_before", "shippable", "url"])
        let active = try params.bool("active")
        let ids = params.values["ids"]?.arrayValue?.compactMap(\.stringValue)
        return try list(.product, params, url: "/v1/products") { product in
            (active == nil || product["active"]?.boolValue == active)
                && (ids == nil || ids!.contains(product["id"]?.stringValue ?? ""))
        }
    }
}
