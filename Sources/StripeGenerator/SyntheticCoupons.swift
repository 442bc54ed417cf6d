/// The synthetic coupon set: a few merchant-named coupons (percent and amount off, once,
/// repeating and forever), the ones a tenth of the subscriptions get a discount from.
struct SyntheticCoupons: Sendable {
    /// The `coupons.json` objects.
    let objects: [SyntheticJSON]

    private static let shapes: [(id: String, name: String, percentOff: Int?, amountOff: Int?, duration: String, months: Int?)] = [
        ("LAUNCH20", "Launch: 20% off for 3 months", 20, nil, "repeating", 3),
        ("WELCOME10", "Welcome: 10% off the first invoice", 10, nil, "once", nil),
        ("PARTNER15", "Partner discount: 15% off", 15, nil, "forever", nil),
        ("SAVE500", "$5 off the first invoice", nil, 500, "once", nil),
    ]

    /// Builds the coupons, created at `created` a minute apart.
    init(created: Int) {
        objects = SyntheticCoupons.shapes.enumerated().map { index, shape in
            [
                "id": .string(shape.id), "object": "coupon", "amount_off": SyntheticJSON(shape.amountOff),
                "created": .int(created + 60 * index), "currency": shape.amountOff == nil ? .null : "usd",
                "duration": .string(shape.duration), "duration_in_months": SyntheticJSON(shape.months), "livemode": false,
                "max_redemptions": .null, "metadata": ["campaign": .string(shape.id.lowercased())],
                "name": .string(shape.name), "percent_off": SyntheticJSON(shape.percentOff), "redeem_by": .null,
                "times_redeemed": 0, "valid": true,
            ]
        }
    }

    /// The coupon a discount of customer `index` comes from.
    func coupon(for index: Int) -> SyntheticJSON {
        objects[index % objects.count]
    }
}
