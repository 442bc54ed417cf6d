extension EmulatorState {
    static let couponFields: Set<String> = [
        "id", "name", "percent_off", "amount_off", "currency", "duration", "duration_in_months", "max_redemptions",
        "redeem_by", "metadata", "applies_to", "currency_options",
    ]

    /// A coupon id as Stripe generates one when the merchant names none: eight letters and digits.
    func newCouponID() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        while true {
            let id = String((0..<8).map { _ in alphabet.randomElement()! })
            if table(.coupon)[id] == nil { return id }
        }
    }

    mutating func createCoupon(_ params: Params) throws -> JSONValue {
        try params.allow(Self.couponFields)
        let id = params.string("id") ?? newCouponID()
        if table(.coupon)[id] != nil {
            throw StripeError(status: 400, type: "invalid_request_error", code: "resource_already_exists",
                              message: "Coupon already exists.", param: "id")
        }
        let percentOff = params.values["percent_off"].flatMap { Double($0.stringValue ?? $0.serialized) }
        let amountOff = try params.int("amount_off")
        guard (percentOff == nil) != (amountOff == nil) else {
            throw StripeError.invalid("percent_off", "You must pass exactly one of percent_off or amount_off.")
        }
        if amountOff != nil, params.string("currency") == nil { throw StripeError.missing("currency") }
        let duration = params.string("duration") ?? "once"
        guard ["forever", "once", "repeating"].contains(duration) else {
            throw StripeError.invalid("duration", "Invalid duration: must be one of forever, once, or repeating")
        }
        let months = try params.int("duration_in_months")
        if duration == "repeating", months == nil { throw StripeError.missing("duration_in_months") }
        let products = params.object("applies_to")?["products"]?.arrayValue
        var coupon: [String: JSONValue] = [
            "id": .string(id), "object": "coupon", "created": .int(now()), "livemode": false,
            "amount_off": amountOff.map { .int($0) } ?? nil,
            "currency": params.string("currency").map { .string($0) } ?? nil,
            "duration": .string(duration), "duration_in_months": months.map { .int($0) } ?? nil,
            "max_redemptions": try params.int("max_redemptions").map { .int($0) } ?? nil,
            "metadata": try params.metadata(updating: nil),
            "name": params.string("name").map { .string($0) } ?? nil,
            "percent_off": percentOff.map { .double($0) } ?? nil,
            "redeem_by": try params.int("redeem_by").map { .int($0) } ?? nil,
            "times_redeemed": 0, "valid": true,
        ]
        if let products { coupon["applies_to"] = .object(["products": .array(products)]) }
        let object = JSONValue.object(coupon)
        store(.coupon, object)
        emit("coupon.created", object)
        return object
    }

    mutating func updateCoupon(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["name", "metadata", "currency_options"])
        let old = try fetch(.coupon, id)
        var coupon = old
        if params.has("name") { coupon["name"] = params.string("name").map { .string($0) } ?? .null }
        coupon["metadata"] = try params.metadata(updating: old["metadata"])
        update(.coupon, from: old, to: coupon)
        return coupon
    }

    /// Deletes a coupon; the discounts already made from it stay.
    mutating func deleteCoupon(_ id: String) throws -> JSONValue {
        let coupon = try fetch(.coupon, id)
        remove(.coupon, id)
        emit("coupon.deleted", coupon)
        return .object(["id": .string(id), "object": "coupon", "deleted": true])
    }

    func listCoupons(_ params: Params) throws -> JSONValue {
        try params.allow(["created", "limit", "starting_after", "ending_before"])
        return try list(.coupon, params, url: "/v1/coupons") { _ in true }
    }

    mutating func createPromotionCode(_ params: Params) throws -> JSONValue {
        try params.allow(["coupon", "promotion", "code", "customer", "active", "expires_at", "max_redemptions",
                          "metadata", "restrictions"])
        // Before 2025-09-30.clover the coupon is a top-level parameter; from clover `promotion[coupon]`.
        guard let couponID = params.string("coupon") ?? params.object("promotion")?["coupon"]?.stringValue else {
            throw StripeError.missing("coupon")
        }
        let coupon = try fetch(.coupon, couponID, param: "coupon")
        var customer: JSONValue = nil
        if let customerID = params.string("customer") {
            customer = try fetchCustomer(customerID, param: "customer")["id"] ?? nil
        }
        let id = newID(.promotionCode)
        let code = params.string("code") ?? String(id.suffix(8)).uppercased()
        if table(.promotionCode).order.contains(where: { table(.promotionCode)[$0]?["code"]?.stringValue == code }) {
            throw StripeError(status: 400, type: "invalid_request_error", message: "A promotion code with code \(code) already exists.",
                              param: "code")
        }
        let restrictions = params.object("restrictions") ?? [:]
        let promotion: JSONValue = .object([
            "id": .string(id), "object": "promotion_code", "active": .bool(try params.bool("active") ?? true),
            "code": .string(code), "coupon": coupon, "created": .int(now()), "customer": customer,
            "expires_at": try params.int("expires_at").map { .int($0) } ?? nil, "livemode": false,
            "max_redemptions": try params.int("max_redemptions").map { .int($0) } ?? nil,
            "metadata": try params.metadata(updating: nil),
            "restrictions": .object([
                "first_time_transaction": .bool(restrictions["first_time_transaction"]?.boolValue ?? false),
                "minimum_amount": restrictions["minimum_amount"]?.intValue.map { .int($0) } ?? nil,
                "minimum_amount_currency": restrictions["minimum_amount_currency"] ?? nil,
            ]),
            "times_redeemed": 0,
        ])
        store(.promotionCode, promotion)
        emit("promotion_code.created", promotion)
        return promotion
    }

    mutating func updatePromotionCode(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["active", "metadata", "restrictions"])
        let old = try fetch(.promotionCode, id)
        var promotion = old
        if let active = try params.bool("active") { promotion["active"] = .bool(active) }
        promotion["metadata"] = try params.metadata(updating: old["metadata"])
        update(.promotionCode, from: old, to: promotion)
        return promotion
    }

    func listPromotionCodes(_ params: Params) throws -> JSONValue {
        try params.allow(["active", "code", "coupon", "customer", "created", "limit", "starting_after", "ending_before"])
        let active = try params.bool("active"), code = params.string("code")
        let coupon = params.string("coupon"), customer = params.string("customer")
        return try list(.promotionCode, params, url: "/v1/promotion_codes") { promotion in
            (active == nil || promotion["active"]?.boolValue == active)
                && (code == nil || promotion["code"]?.stringValue == code)
                && (coupon == nil || promotion["coupon"]?["id"]?.stringValue == coupon)
                && (customer == nil || promotion["customer"]?.stringValue == customer)
        }
    }

    /// The coupon and promotion code a `coupon`, `promotion_code` or `discounts[0][…]` parameter
    /// names, or nil when none is given; counts a redemption.
    mutating func discountSource(_ params: Params) throws -> (coupon: JSONValue, promotion: String?)? {
        var couponID = params.string("coupon")
        var promotionID = params.string("promotion_code")
        if let first = params.values["discounts"]?.arrayValue?.first {
            couponID = couponID ?? first["coupon"]?.stringValue
            promotionID = promotionID ?? first["promotion_code"]?.stringValue
        }
        if let promotionID {
            let promotion = try fetch(.promotionCode, promotionID, param: "promotion_code")
            guard promotion["active"]?.boolValue == true else {
                throw StripeError.invalid("promotion_code", "This promotion code is not active.")
            }
            couponID = promotion["coupon"]?["id"]?.stringValue
        }
        guard let couponID else { return nil }
        var coupon = try fetch(.coupon, couponID, param: "coupon")
        let old = coupon
        coupon["times_redeemed"] = .int((coupon["times_redeemed"]?.intValue ?? 0) + 1)
        update(.coupon, from: old, to: coupon)
        return (coupon, promotionID)
    }

    /// A discount made from `source` for a customer (and subscription), in the shape of API
    /// versions before 2025-09-30.clover: the whole coupon embedded.
    mutating func createDiscount(_ source: (coupon: JSONValue, promotion: String?), customer: String,
                                 subscription: String?) -> JSONValue {
        let start = now()
        var end: JSONValue = nil
        if source.coupon["duration"]?.stringValue == "repeating", let months = source.coupon["duration_in_months"]?.intValue {
            end = .int(Self.advance(start, interval: "month", count: months))
        }
        let discount: JSONValue = .object([
            "id": .string(newID(.discount)), "object": "discount", "checkout_session": nil, "coupon": source.coupon,
            "customer": .string(customer), "end": end, "invoice": nil, "invoice_item": nil,
            "promotion_code": source.promotion.map { .string($0) } ?? nil, "start": .int(start),
            "subscription": subscription.map { .string($0) } ?? nil, "subscription_item": nil,
        ])
        store(.discount, discount)
        return discount
    }

    /// `DELETE /v1/customers/{id}/discount`: removes the customer's discount.
    mutating func deleteCustomerDiscount(_ customerID: String) throws -> JSONValue {
        let old = try fetchCustomer(customerID)
        guard let discount = old["discount"], !discount.isNull else {
            throw StripeError(status: 404, type: "invalid_request_error", message: "Customer \(customerID) does not have a discount.")
        }
        var customer = old
        customer["discount"] = .null
        update(.customer, from: old, to: customer)
        emit("customer.discount.deleted", discount)
        var stub = discount.objectValue ?? [:]
        stub["object"] = "discount"
        stub["deleted"] = true
        return .object(stub)
    }
}
