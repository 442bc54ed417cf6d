/// The column mapping of every resource, matching `migrations/`.
///
/// Each column lists its field paths newest API shape first, then the older names Stripe's
/// changelog records for the same value (`Column.paths` is the one alias mechanism): for example
/// an invoice's subscription is `parent.subscription_details.subscription` from 2025-03-31.basil
/// and `subscription` before, and its `created` was called `date` before 2019-03-14. Documented
/// enum values are documentation and a `check` warning, never a reason to reject an object.
public enum ResourceCatalog {
    static let collectionMethods: Set<String> = ["charge_automatically", "send_invoice"]

    /// The spec of `resource`.
    public static func spec(_ resource: Resource) -> ResourceSpec {
        switch resource {
        case .products: return products
        case .prices: return prices
        case .customers: return customers
        case .paymentMethods: return paymentMethods
        case .subscriptions: return subscriptions
        case .invoices: return invoices
        case .paymentIntents: return paymentIntents
        case .charges: return charges
        case .invoicePayments: return invoicePayments
        case .refunds: return refunds
        case .disputes: return disputes
        case .balanceTransactions: return balanceTransactions
        case .payouts: return payouts
        case .coupons: return coupons
        case .promotionCodes: return promotionCodes
        case .plans: return plans
        case .taxRates: return taxRates
        case .invoiceItems: return invoiceItems
        case .setupIntents: return setupIntents
        case .discounts: return discounts
        case .creditNotes: return creditNotes
        case .checkoutSessions: return checkoutSessions
        case .events: return events
        }
    }

    private static let common: [Column] = [
        Column("created", .timestamp, "created"),
        Column("livemode", .boolean, "livemode"),
        Column("metadata", .json, "metadata"),
    ]

    static let products = ResourceSpec(resource: .products, columns: [
        Column("active", .boolean, "active"),
        Column("name", .text(), "name"),
        Column("description", .text(), "description"),
        Column("type", .text(documented: ["good", "service"]), "type"),
        Column("default_price_id", .reference(.prices), "default_price"),
        Column("unit_label", .text(), "unit_label"),
        Column("url", .text(), "url"),
        Column("tax_code", .reference(nil), "tax_code"),
        Column("updated", .timestamp, "updated"),
    ] + common)

    static let prices = ResourceSpec(resource: .prices, columns: [
        Column("product_id", .reference(.products), "product"),
        Column("active", .boolean, "active"),
        Column("currency", .text(), "currency"),
        Column("unit_amount", .integer(), "unit_amount", "amount"),
        Column("unit_amount_decimal", .numeric, "unit_amount_decimal", "amount_decimal"),
        Column("type", .text(documented: ["one_time", "recurring"]), "type"),
        Column("billing_scheme", .text(documented: ["per_unit", "tiered"]), "billing_scheme"),
        Column("recurring_interval", .text(documented: ["day", "week", "month", "year"]), "recurring.interval", "interval"),
        Column("recurring_interval_count", .integer(bits: 32), "recurring.interval_count", "interval_count"),
        Column("recurring_usage_type", .text(documented: ["licensed", "metered"]), "recurring.usage_type", "usage_type"),
        Column("tax_behavior", .text(documented: ["exclusive", "inclusive", "unspecified"]), "tax_behavior"),
        Column("lookup_key", .text(), "lookup_key"),
        Column("nickname", .text(), "nickname"),
    ] + common, olderObjectNames: ["plan"])

    static let customers = ResourceSpec(resource: .customers, columns: [
        Column("email", .text(), "email"),
        Column("name", .text(), "name"),
        Column("phone", .text(), "phone"),
        Column("description", .text(), "description"),
        Column("currency", .text(), "currency"),
        Column("balance", .integer(), "balance", "account_balance"),
        Column("delinquent", .boolean, "delinquent"),
        Column("tax_exempt", .text(documented: ["none", "exempt", "reverse"]), "tax_exempt"),
        Column("default_payment_method_id", .reference(.paymentMethods), "invoice_settings.default_payment_method"),
        Column("address", .json, "address"),
    ] + common + customerAddressColumns, listOmitsDeleted: true)

    /// Lakeflow's flattened address and shipping columns of a customer: `address.*` and
    /// `shipping.name`, `shipping.phone`, `shipping.address.*`.
    static let customerAddressColumns: [Column] = {
        let parts = ["line1", "line2", "city", "state", "postal_code", "country"]
        let address = parts.map { Column("address_\($0)", .text(), JSONPath("address.\($0)")) }
        let shipping = [Column("shipping_name", .text(), "shipping.name"), Column("shipping_phone", .text(), "shipping.phone")]
            + parts.map { Column("shipping_address_\($0)", .text(), JSONPath("shipping.address.\($0)")) }
        return address + shipping
    }()

    /// Payment methods, and the older card (`card_…`) and source (`src_…`) objects that charges,
    /// customers and subscriptions reference in their place; a card object holds its fields at
    /// the top level.
    static let paymentMethods = ResourceSpec(resource: .paymentMethods, columns: [
        Column("customer_id", .reference(.customers), "customer"),
        Column("type", .text(), "type", "object"),
        Column("card_brand", .text(), "card.brand", "brand"),
        Column("card_last4", .text(), "card.last4", "last4"),
        Column("card_exp_month", .integer(bits: 32), "card.exp_month", "exp_month"),
        Column("card_exp_year", .integer(bits: 32), "card.exp_year", "exp_year"),
        Column("card_fingerprint", .text(), "card.fingerprint", "fingerprint"),
        Column("card_funding", .text(), "card.funding", "funding"),
        Column("card_country", .text(), "card.country", "country"),
        Column("billing_email", .text(), "billing_details.email", "owner.email"),
        Column("billing_name", .text(), "billing_details.name", "owner.name", "name"),
    ] + common, olderObjectNames: ["card", "source"])

    static let subscriptions = ResourceSpec(
        resource: .subscriptions,
        listParameters: [(name: "status", value: "all")],
        deletionEventsDelete: false,
        columns: [
            Column("customer_id", .reference(.customers), "customer"),
            Column("status", .text(documented: [
                "incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused",
            ]), "status"),
            Column("currency", .text(), "currency"),
            Column("collection_method", .text(documented: collectionMethods), "collection_method", "billing"),
            Column("default_payment_method_id", .reference(.paymentMethods), "default_payment_method"),
            Column("latest_invoice_id", .reference(.invoices), "latest_invoice"),
            Column("cancel_at_period_end", .boolean, "cancel_at_period_end"),
            Column("cancel_at", .timestamp, "cancel_at"),
            Column("canceled_at", .timestamp, "canceled_at"),
            Column("ended_at", .timestamp, "ended_at"),
            Column("start_date", .timestamp, "start_date", "start"),
            Column("trial_start", .timestamp, "trial_start"),
            Column("trial_end", .timestamp, "trial_end"),
            // Moved to the items in 2025-03-31.basil; the subscription's own period wins where both exist.
            Column("current_period_start", .timestamp, "current_period_start", "items.data.0.current_period_start"),
            Column("current_period_end", .timestamp, "current_period_end", "items.data.0.current_period_end"),
            Column("billing_cycle_anchor", .timestamp, "billing_cycle_anchor"),
            Column("description", .text(), "description"),
        ] + common,
        children: [
            ChildTableSpec(
                tableName: "subscription_items", parentColumn: "subscription_id", listPath: "items.data",
                idIsGloballyUnique: true,
                endpoint: "/v1/subscription_items", endpointParameters: [(name: "subscription", value: "{parent}")],
                columns: [
                    Column("price_id", .reference(.prices), "price", "plan"),
                    Column("quantity", .integer(), "quantity"),
                    Column("current_period_start", .timestamp, "current_period_start"),
                    Column("current_period_end", .timestamp, "current_period_end"),
                    Column("created", .timestamp, "created"),
                    Column("metadata", .json, "metadata"),
                ])
        ])

    static let invoices = ResourceSpec(
        resource: .invoices,
        columns: [
            Column("customer_id", .reference(.customers), "customer"),
            Column("subscription_id", .reference(.subscriptions), "parent.subscription_details.subscription", "subscription"),
            Column("payment_intent_id", .reference(.paymentIntents), "payments.data.0.payment.payment_intent", "payment_intent"),
            Column("status", .text(documented: ["draft", "open", "paid", "uncollectible", "void", "deleted"]), "status"),
            Column("number", .text(), "number"),
            Column("currency", .text(), "currency"),
            Column("amount_due", .integer(), "amount_due"),
            Column("amount_paid", .integer(), "amount_paid"),
            Column("amount_remaining", .integer(), "amount_remaining"),
            Column("subtotal", .integer(), "subtotal"),
            Column("total", .integer(), "total"),
            Column("collection_method", .text(documented: collectionMethods), "collection_method", "billing"),
            Column("billing_reason", .text(), "billing_reason"),
            Column("customer_email", .text(), "customer_email"),
            Column("period_start", .timestamp, "period_start"),
            Column("period_end", .timestamp, "period_end"),
            Column("due_date", .timestamp, "due_date"),
            Column("paid_at", .timestamp, "status_transitions.paid_at"),
            Column("created", .timestamp, "created", "date"),
            Column("livemode", .boolean, "livemode"),
            Column("metadata", .json, "metadata"),
        ],
        children: [
            ChildTableSpec(
                tableName: "invoice_line_items", parentColumn: "invoice_id", listPath: "lines.data",
                idIsGloballyUnique: false, endpoint: "/v1/invoices/{parent}/lines",
                columns: [
                    // One vocabulary for every era: `subscription` or `invoiceitem` (older `type`),
                    // also for basil's `parent.type` values.
                    Column("type", .text(documented: ["subscription", "invoiceitem"]), "parent.type", "type",
                           synonyms: ["subscription_item_details": "subscription", "invoice_item_details": "invoiceitem"]),
                    Column("amount", .integer(), "amount"),
                    Column("currency", .text(), "currency"),
                    Column("description", .text(), "description"),
                    Column("quantity", .integer(), "quantity"),
                    Column("price_id", .reference(.prices), "pricing.price_details.price", "price", "plan"),
                    Column("subscription_id", .reference(.subscriptions),
                           "parent.subscription_item_details.subscription", "parent.invoice_item_details.subscription",
                           "subscription"),
                    Column("subscription_item_id", .reference(nil),
                           "parent.subscription_item_details.subscription_item", "subscription_item"),
                    Column("proration", .boolean,
                           "parent.subscription_item_details.proration", "parent.invoice_item_details.proration",
                           "proration"),
                    Column("period_start", .timestamp, "period.start"),
                    Column("period_end", .timestamp, "period.end"),
                    Column("metadata", .json, "metadata"),
                ])
        ],
        deletedStatus: "deleted")

    static let paymentIntents = ResourceSpec(resource: .paymentIntents, columns: [
        Column("customer_id", .reference(.customers), "customer"),
        Column("invoice_id", .reference(.invoices), "invoice"),
        Column("payment_method_id", .reference(.paymentMethods), "payment_method", "source"),
        Column("latest_charge_id", .reference(.charges), "latest_charge", "charges.data.0"),
        Column("amount", .integer(), "amount"),
        Column("amount_received", .integer(), "amount_received"),
        Column("amount_capturable", .integer(), "amount_capturable"),
        Column("currency", .text(), "currency"),
        Column("status", .text(documented: [
            "requires_payment_method", "requires_confirmation", "requires_action", "processing",
            "requires_capture", "canceled", "succeeded",
            // before 2019-02-11
            "requires_source", "requires_source_action",
        ]), "status"),
        Column("capture_method", .text(documented: ["automatic", "automatic_async", "manual"]), "capture_method"),
        Column("description", .text(), "description"),
        Column("receipt_email", .text(), "receipt_email"),
        Column("canceled_at", .timestamp, "canceled_at"),
        Column("cancellation_reason", .text(), "cancellation_reason"),
    ] + common)

    static let charges = ResourceSpec(resource: .charges, columns: [
        Column("customer_id", .reference(.customers), "customer"),
        Column("payment_intent_id", .reference(.paymentIntents), "payment_intent"),
        Column("invoice_id", .reference(.invoices), "invoice"),
        // `card` before 2015-02-18, then `source`, then `payment_method`.
        Column("payment_method_id", .reference(.paymentMethods), "payment_method", "source", "card"),
        Column("amount", .integer(), "amount"),
        Column("amount_captured", .integer(), "amount_captured"),
        Column("amount_refunded", .integer(), "amount_refunded"),
        Column("currency", .text(), "currency"),
        Column("status", .text(documented: ["succeeded", "pending", "failed"]), "status"),
        Column("paid", .boolean, "paid"),
        Column("captured", .boolean, "captured"),
        Column("refunded", .boolean, "refunded"),
        Column("disputed", .boolean, "disputed"),
        Column("failure_code", .text(), "failure_code"),
        Column("failure_message", .text(), "failure_message"),
        Column("balance_transaction", .reference(nil), "balance_transaction"),
        Column("receipt_email", .text(), "receipt_email"),
        Column("description", .text(), "description"),
    ] + common)

    static let invoicePayments = ResourceSpec(
        resource: .invoicePayments,
        columns: [
            Column("invoice_id", .reference(.invoices), "invoice"),
            Column("payment_type", .text(documented: ["charge", "payment_intent", "payment_record"]), "payment.type"),
            Column("payment_intent_id", .reference(.paymentIntents), "payment.payment_intent"),
            Column("charge_id", .reference(.charges), "payment.charge"),
            Column("payment_record_id", .reference(nil), "payment.payment_record"),
            Column("amount_paid", .integer(), "amount_paid"),
            Column("amount_requested", .integer(), "amount_requested"),
            Column("currency", .text(), "currency"),
            Column("status", .text(documented: ["canceled", "open", "paid"]), "status"),
            Column("is_default", .boolean, "is_default"),
            Column("paid_at", .timestamp, "status_transitions.paid_at"),
            Column("canceled_at", .timestamp, "status_transitions.canceled_at"),
            Column("created", .timestamp, "created"),
            Column("livemode", .boolean, "livemode"),
        ],
        fills: [
            ColumnFill(target: .invoices, column: "payment_intent_id", via: "invoice_id", value: "payment_intent_id",
                       when: "status", is: "paid", preferring: "is_default"),
        ],
        dumpFileOptional: true)

    static let refunds = ResourceSpec(
        resource: .refunds,
        columns: [
            Column("charge_id", .reference(.charges), "charge"),
            Column("payment_intent_id", .reference(.paymentIntents), "payment_intent"),
            Column("balance_transaction_id", .reference(.balanceTransactions), "balance_transaction"),
            Column("failure_balance_transaction_id", .reference(.balanceTransactions), "failure_balance_transaction"),
            Column("amount", .integer(), "amount"),
            Column("currency", .text(), "currency"),
            Column("status", .text(documented: ["pending", "requires_action", "succeeded", "failed", "canceled"]), "status"),
            Column("reason", .text(documented: [
                "duplicate", "fraudulent", "requested_by_customer", "expired_uncaptured_charge",
            ]), "reason"),
            Column("failure_reason", .text(), "failure_reason"),
            Column("receipt_number", .text(), "receipt_number"),
            Column("description", .text(), "description"),
            Column("created", .timestamp, "created"),
            Column("metadata", .json, "metadata"),
        ],
        dumpFileOptional: true,
        // A charge's `refunds`: a list object from 2014-05-19 (a bare array before); no longer
        // embedded from 2022-11-15.
        embeddedIn: [EmbeddedLocation(.charges, "refunds.data", "refunds")])

    static let disputes = ResourceSpec(
        resource: .disputes,
        columns: [
            Column("charge_id", .reference(.charges), "charge"),
            Column("payment_intent_id", .reference(.paymentIntents), "payment_intent"),
            Column("amount", .integer(), "amount"),
            Column("currency", .text(), "currency"),
            Column("status", .text(documented: [
                "warning_needs_response", "warning_under_review", "warning_closed", "needs_response",
                "under_review", "won", "lost", "prevented",
                // before 2019-09-16
                "charge_refunded",
            ]), "status"),
            Column("reason", .text(), "reason"),
            Column("is_charge_refundable", .boolean, "is_charge_refundable"),
            Column("evidence_due_by", .timestamp, "evidence_details.due_by"),
        ] + common,
        dumpFileOptional: true)

    /// Balance transactions: `source` is polymorphic, so besides `source_id` and `source_type`
    /// each type we load has its own foreign key column, filled only for that type.
    static let balanceTransactions = ResourceSpec(
        resource: .balanceTransactions,
        columns: [
            Column("amount", .integer(), "amount"),
            Column("fee", .integer(), "fee"),
            Column("net", .integer(), "net"),
            Column("currency", .text(), "currency"),
            Column("type", .text(), "type"),
            Column("reporting_category", .text(), "reporting_category"),
            Column("status", .text(documented: ["available", "pending"]), "status"),
            Column("available_on", .timestamp, "available_on"),
            Column("description", .text(), "description"),
            Column("exchange_rate", .numeric, "exchange_rate"),
            Column("fee_details", .json, "fee_details"),
            Column("source_id", .reference(nil), "source"),
            Column("source_type", .text(), "source", polymorphic: .type),
            Column("source_charge_id", .reference(.charges), "source", polymorphic: .only("charge")),
            Column("source_refund_id", .reference(.refunds), "source", polymorphic: .only("refund")),
            Column("source_dispute_id", .reference(.disputes), "source", polymorphic: .only("dispute")),
            Column("source_payout_id", .reference(.payouts), "source", polymorphic: .only("payout")),
            Column("created", .timestamp, "created"),
        ],
        dumpFileOptional: true,
        // A dispute's 0–2 balance transactions (the withdrawal, and the reinstatement if won).
        embeddedIn: [EmbeddedLocation(.disputes, "balance_transactions")])

    static let payouts = ResourceSpec(
        resource: .payouts,
        columns: [
            Column("balance_transaction_id", .reference(.balanceTransactions), "balance_transaction"),
            Column("failure_balance_transaction_id", .reference(.balanceTransactions), "failure_balance_transaction"),
            Column("original_payout_id", .reference(.payouts), "original_payout"),
            Column("reversed_by_id", .reference(.payouts), "reversed_by"),
            Column("destination_id", .reference(nil), "destination"),
            Column("amount", .integer(), "amount"),
            Column("currency", .text(), "currency"),
            Column("arrival_date", .timestamp, "arrival_date"),
            Column("automatic", .boolean, "automatic"),
            Column("status", .text(documented: ["paid", "pending", "in_transit", "canceled", "failed"]), "status"),
            Column("type", .text(documented: ["bank_account", "card"]), "type"),
            Column("method", .text(documented: ["standard", "instant"]), "method"),
            Column("source_type", .text(), "source_type"),
            Column("reconciliation_status", .text(documented: ["not_applicable", "in_progress", "completed"]), "reconciliation_status"),
            Column("failure_code", .text(), "failure_code"),
            Column("failure_message", .text(), "failure_message"),
            Column("description", .text(), "description"),
            Column("statement_descriptor", .text(), "statement_descriptor"),
        ] + common,
        dumpFileOptional: true)

    /// Events: the event's own fields and the object it reports (its `data.object`, or the
    /// `related_object` of a thin event). Listed from `/v1/events` like any resource.
    static let events = ResourceSpec(
        resource: .events,
        columns: [
            Column("type", .text(), "type"),
            Column("api_version", .text(), "api_version"),
            Column("created", .timestamp, "created"),
            Column("object_id", .text(), "data.object.id", "related_object.id"),
            Column("object_type", .text(), "data.object.object", "related_object.type"),
            Column("request_id", .text(), "request.id"),
            Column("livemode", .boolean, "livemode"),
        ],
        // Thin event notifications are events too.
        olderObjectNames: ["v2.core.event"],
        dumpFileOptional: true)
}
