/// The synthetic coupon set: a few merchant-named coupons (percent and amount off, once,
/// repeating and forever), the ones a tenth of the subscriptions get a discount from, and the
/// account's campaign coupons (a few dozen in all, as an account has), which promotion codes name.
struct SyntheticCoupons: Sendable {
    /// The `coupons.json` objects.
    let objects: [SyntheticJSON]

    private static let shapes: [(id: String, name: String, percentOff: Int?, amountOff: Int?, duration: String, months: Int?)] = [
        ("LAUNCH20", "Launch: 20% off for 3 months", 20, nil, "repeating", 3),
        ("WELCOME10", "Welcome: 10% off the first invoice", 10, nil, "once", nil),
        ("PARTNER15", "Partner discount: 15% off", 15, nil, "forever", nil),
        ("SAVE500", "$5 off the first invoice", nil, 500, "once", nil),
    ]

    /// How many campaign coupons follow the discount coupons.
    static let campaigns = 20

    /// Builds the coupons, created at `created` a minute apart.
    init(created: Int) {
        let campaigns = (0..<SyntheticCoupons.campaigns).map(SyntheticCoupons.campaign)
        objects = (SyntheticCoupons.shapes + campaigns).enumerated().map { index, shape in
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

    /// Campaign coupon `index`: percent off (5 to 30), every fourth an amount off; once,
    /// repeating for a few months, or forever.
    private static func campaign(_ index: Int) -> (id: String, name: String, percentOff: Int?, amountOff: Int?, duration: String, months: Int?) {
        let percent: Int = 5 + 5 * (index % 6)
        let byAmount = index % 4 == 3
        let amount: Int = 1000 * (1 + index % 3)
        let durations = ["once", "repeating", "forever"]
        let months: Int? = index % 3 == 1 ? 1 + index % 6 : nil
        let name = byAmount ? "Campaign \(index + 1): \(amount / 100) off" : "Campaign \(index + 1): \(percent)% off"
        return (id: "CAMPAIGN\(index + 1)", name: name, percentOff: byAmount ? nil : percent, amountOff: byAmount ? amount : nil,
                duration: durations[index % 3], months: months)
    }

    /// The coupon a discount of customer `index` comes from.
    func coupon(for index: Int) -> SyntheticJSON {
        objects[index % SyntheticCoupons.shapes.count]
    }
}
