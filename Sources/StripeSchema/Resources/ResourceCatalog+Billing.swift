/// The billing resources: coupons and promotion codes, plans, tax rates, invoice items, setup
/// intents, and the discounts that customers, subscriptions, invoices and invoice items embed.
extension ResourceCatalog {
    static let couponDurations: Set<String> = ["forever", "once", "repeating"]

    /// Coupons: ids the merchant chose (no prefix). The products a coupon is limited to
    /// (`applies_to.products`, sent only when expanded) are a jsonb array of product ids in
    /// `applies_to_products`; deleting a coupon leaves the discounts made from it.
    static let coupons = ResourceSpec(resource: .coupons, columns: [
        Column("name", .text(), "name"),
        Column("percent_off", .numeric, "percent_off"),
        Column("amount_off", .integer(), "amount_off"),
        Column("currency", .text(), "currency"),
        Column("duration", .text(documented: couponDurations), "duration"),
        Column("duration_in_months", .integer(bits: 32), "duration_in_months"),
        Column("max_redemptions", .integer(), "max_redemptions"),
        Column("times_redeemed", .integer(), "times_redeemed"),
        Column("redeem_by", .timestamp, "redeem_by"),
        Column("valid", .boolean, "valid"),
        Column("applies_to_products", .json, "applies_to.products"),
        Column("created", .timestamp, "created"),
        Column("livemode", .boolean, "livemode"),
        Column("metadata", .json, "metadata"),
    ], dumpFileOptional: true)

    /// Promotion codes: the coupon is `promotion.coupon` from 2025-09-30.clover and the
    /// top-level `coupon` (a whole coupon object, harvested into `coupons`) before.
    static let promotionCodes = ResourceSpec(resource: .promotionCodes, columns: [
        Column("coupon_id", .reference(.coupons), "promotion.coupon", "coupon"),
        Column("customer_id", .reference(.customers), "customer"),
        Column("code", .text(), "code"),
        Column("active", .boolean, "active"),
        Column("expires_at", .timestamp, "expires_at"),
        Column("max_redemptions", .integer(), "max_redemptions"),
        Column("times_redeemed", .integer(), "times_redeemed"),
        Column("first_time_transaction", .boolean, "restrictions.first_time_transaction"),
        Column("minimum_amount", .integer(), "restrictions.minimum_amount"),
        Column("minimum_amount_currency", .text(), "restrictions.minimum_amount_currency"),
        Column("created", .timestamp, "created"),
        Column("livemode", .boolean, "livemode"),
        Column("metadata", .json, "metadata"),
    ], dumpFileOptional: true)

    /// Plans from `/v1/plans` and `plan.*` events. A recurring price is also a plan of the same
    /// id; a plan embedded in an older subscription item or invoice line fills `prices` (the
    /// item's price reference), this table holds the plans listed as plans.
    static let plans = ResourceSpec(resource: .plans, columns: [
        Column("product_id", .reference(.products), "product"),
        Column("active", .boolean, "active"),
        Column("amount", .integer(), "amount"),
        Column("amount_decimal", .numeric, "amount_decimal"),
        Column("currency", .text(), "currency"),
        Column("recurring_interval", .text(documented: ["day", "week", "month", "year"]), "interval"),
        Column("recurring_interval_count", .integer(bits: 32), "interval_count"),
        Column("usage_type", .text(documented: ["licensed", "metered"]), "usage_type"),
        Column("billing_scheme", .text(documented: ["per_unit", "tiered"]), "billing_scheme"),
        Column("nickname", .text(), "nickname"),
        Column("trial_period_days", .integer(bits: 32), "trial_period_days"),
        Column("created", .timestamp, "created"),
        Column("livemode", .boolean, "livemode"),
        Column("metadata", .json, "metadata"),
    ], dumpFileOptional: true)

    /// Tax rates: no references; archived (`active: false`), never deleted.
    static let taxRates = ResourceSpec(resource: .taxRates, columns: [
        Column("display_name", .text(), "display_name"),
        Column("description", .text(), "description"),
        Column("percentage", .numeric, "percentage"),
        Column("effective_percentage", .numeric, "effective_percentage"),
        Column("inclusive", .boolean, "inclusive"),
        Column("active", .boolean, "active"),
        Column("country", .text(), "country"),
        Column("state", .text(), "state"),
        Column("jurisdiction", .text(), "jurisdiction"),
        Column("tax_type", .text(), "tax_type"),
        Column("created", .timestamp, "created"),
        Column("livemode", .boolean, "livemode"),
        Column("metadata", .json, "metadata"),
    ], dumpFileOptional: true)

    /// Invoice items (`invoiceitem`, `/v1/invoiceitems`): from 2025-03-31.basil the price is
    /// `pricing.price_details.price` and the subscription `parent.subscription_details.subscription`,
    /// top-level `price` (or `plan`) and `subscription` before. The object has `date`, not
    /// `created`; the `created` column holds it.
    static let invoiceItems = ResourceSpec(
        resource: .invoiceItems, objectName: "invoiceitem", listPath: "/v1/invoiceitems",
        columns: [
            Column("customer_id", .reference(.customers), "customer"),
            Column("invoice_id", .reference(.invoices), "invoice"),
            Column("subscription_id", .reference(.subscriptions), "parent.subscription_details.subscription", "subscription"),
            Column("price_id", .reference(.prices), "pricing.price_details.price", "price", "plan"),
            Column("amount", .integer(), "amount"),
            Column("currency", .text(), "currency"),
            Column("description", .text(), "description"),
            Column("quantity", .integer(), "quantity"),
            Column("discountable", .boolean, "discountable"),
            Column("proration", .boolean, "proration"),
            Column("period_start", .timestamp, "period.start"),
            Column("period_end", .timestamp, "period.end"),
            Column("created", .timestamp, "created", "date"),
            Column("livemode", .boolean, "livemode"),
            Column("metadata", .json, "metadata"),
        ],
        dumpFileOptional: true)

    /// Setup intents: which payment method a customer saved, without a payment.
    static let setupIntents = ResourceSpec(resource: .setupIntents, columns: [
        Column("customer_id", .reference(.customers), "customer"),
        Column("payment_method_id", .reference(.paymentMethods), "payment_method"),
        Column("status", .text(documented: [
            "requires_payment_method", "requires_confirmation", "requires_action", "processing", "canceled", "succeeded",
        ]), "status"),
        Column("usage", .text(documented: ["off_session", "on_session"]), "usage"),
        Column("description", .text(), "description"),
        Column("cancellation_reason", .text(), "cancellation_reason"),
        Column("latest_attempt", .reference(nil), "latest_attempt"),
        Column("mandate", .reference(nil), "mandate"),
        Column("created", .timestamp, "created"),
        Column("livemode", .boolean, "livemode"),
        Column("metadata", .json, "metadata"),
    ], dumpFileOptional: true)

    /// Discounts: no list or retrieve endpoint. Ingest harvests them from the objects that embed
    /// them (rows marked `is_embedded`); `customer.discount.*` events give them a dump file.
    /// The coupon is `source.coupon` from 2025-09-30.clover, a whole embedded `coupon` before
    /// (harvested into `coupons`). A `deleted_discount` has an empty id and is skipped.
    static let discounts = ResourceSpec(
        resource: .discounts,
        columns: [
            Column("coupon_id", .reference(.coupons), "source.coupon", "coupon"),
            Column("promotion_code_id", .reference(.promotionCodes), "promotion_code"),
            Column("customer_id", .reference(.customers), "customer"),
            Column("subscription_id", .reference(.subscriptions), "subscription"),
            Column("invoice_id", .reference(.invoices), "invoice"),
            Column("invoice_item_id", .reference(.invoiceItems), "invoice_item"),
            Column("subscription_item_id", .reference(nil), "subscription_item"),
            // Checkout sessions embed discounts too; their table links them once it exists.
            Column("checkout_session_id", .reference(nil), "checkout_session"),
            Column("started_at", .timestamp, "start"),
            Column("ends_at", .timestamp, "end"),
        ],
        dumpFileOptional: true, hasListEndpoint: false, datingColumn: nil,
        embeddedIn: [
            EmbeddedLocation(.customers, "discount"),
            EmbeddedLocation(.subscriptions, "discount"),
            EmbeddedLocation(.subscriptions, "discounts", expandable: true),
            EmbeddedLocation(.invoices, "discounts", expandable: true),
            EmbeddedLocation(.invoices, "total_discount_amounts", element: "discount"),
            EmbeddedLocation(.invoiceItems, "discounts", expandable: true),
        ])
}
