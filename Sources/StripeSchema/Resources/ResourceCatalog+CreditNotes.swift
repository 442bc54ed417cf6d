extension ResourceCatalog {
    /// Credit notes and their lines. A credit note names its refunds in `refunds[].refund` from
    /// 2025-03-31.basil and in one `refund` before; `refund_id` holds the first (the others stay
    /// in `raw`). Voiding is a state (`status` `void`); Stripe never deletes a credit note.
    static let creditNotes = ResourceSpec(
        resource: .creditNotes,
        columns: [
            Column("invoice_id", .reference(.invoices), "invoice"),
            Column("customer_id", .reference(.customers), "customer"),
            Column("customer_balance_transaction_id", .reference(nil), "customer_balance_transaction"),
            Column("refund_id", .reference(.refunds), "refunds.0.refund", "refund"),
            Column("number", .text(), "number"),
            Column("status", .text(documented: ["issued", "void"]), "status"),
            Column("type", .text(documented: ["pre_payment", "post_payment", "mixed"]), "type"),
            Column("reason", .text(documented: [
                "duplicate", "fraudulent", "order_change", "product_unsatisfactory",
            ]), "reason"),
            Column("currency", .text(), "currency"),
            Column("amount", .integer(), "amount"),
            Column("amount_shipping", .integer(), "amount_shipping"),
            Column("discount_amount", .integer(), "discount_amount"),
            Column("subtotal", .integer(), "subtotal"),
            Column("subtotal_excluding_tax", .integer(), "subtotal_excluding_tax"),
            Column("total", .integer(), "total"),
            Column("total_excluding_tax", .integer(), "total_excluding_tax"),
            Column("out_of_band_amount", .integer(), "out_of_band_amount"),
            Column("memo", .text(), "memo"),
            Column("effective_at", .timestamp, "effective_at"),
            Column("voided_at", .timestamp, "voided_at"),
            Column("created", .timestamp, "created"),
            Column("livemode", .boolean, "livemode"),
            Column("metadata", .json, "metadata"),
        ],
        children: [
            ChildTableSpec(
                tableName: "credit_note_lines", parentColumn: "credit_note_id", listPath: "lines.data",
                idIsGloballyUnique: false, endpoint: "/v1/credit_notes/{parent}/lines",
                columns: [
                    Column("type", .text(documented: ["invoice_line_item", "custom_line_item"]), "type"),
                    Column("invoice_line_item_id", .reference(nil), "invoice_line_item"),
                    Column("amount", .integer(), "amount"),
                    Column("discount_amount", .integer(), "discount_amount"),
                    Column("quantity", .integer(), "quantity"),
                    Column("unit_amount", .integer(), "unit_amount"),
                    Column("unit_amount_decimal", .numeric, "unit_amount_decimal"),
                    Column("description", .text(), "description"),
                    Column("metadata", .json, "metadata"),
                ])
        ],
        dumpFileOptional: true)

    /// Checkout sessions (`object` `checkout.session`, listed at `/v1/checkout/sessions`) and
    /// their line items, which a session carries only when expanded: fetch pages
    /// `/v1/checkout/sessions/{id}/line_items`. A line item embeds its full price, which fills
    /// the price's row when no dump has it. Stripe emits no created or updated events for
    /// sessions, only `checkout.session.completed`, `.expired` and `.async_payment_*`.
    static let checkoutSessions = ResourceSpec(
        resource: .checkoutSessions,
        objectName: "checkout.session",
        listPath: "/v1/checkout/sessions",
        columns: [
            Column("customer_id", .reference(.customers), "customer"),
            Column("subscription_id", .reference(.subscriptions), "subscription"),
            Column("payment_intent_id", .reference(.paymentIntents), "payment_intent"),
            Column("invoice_id", .reference(.invoices), "invoice"),
            Column("setup_intent_id", .reference(.setupIntents), "setup_intent"),
            Column("mode", .text(documented: ["payment", "setup", "subscription"]), "mode"),
            Column("status", .text(documented: ["open", "complete", "expired"]), "status"),
            Column("payment_status", .text(documented: ["paid", "unpaid", "no_payment_required"]), "payment_status"),
            Column("currency", .text(), "currency"),
            Column("amount_subtotal", .integer(), "amount_subtotal"),
            Column("amount_total", .integer(), "amount_total"),
            Column("customer_email", .text(), "customer_details.email", "customer_email"),
            Column("client_reference_id", .text(), "client_reference_id"),
            Column("expires_at", .timestamp, "expires_at"),
            Column("created", .timestamp, "created"),
            Column("livemode", .boolean, "livemode"),
            Column("metadata", .json, "metadata"),
        ],
        children: [
            ChildTableSpec(
                tableName: "checkout_session_line_items", parentColumn: "checkout_session_id", listPath: "line_items.data",
                idIsGloballyUnique: false, endpoint: "/v1/checkout/sessions/{parent}/line_items", isIncludableOnly: true,
                columns: [
                    Column("price_id", .reference(.prices), "price", "plan"),
                    Column("quantity", .integer(), "quantity"),
                    Column("currency", .text(), "currency"),
                    Column("description", .text(), "description"),
                    Column("amount_subtotal", .integer(), "amount_subtotal"),
                    Column("amount_discount", .integer(), "amount_discount"),
                    Column("amount_tax", .integer(), "amount_tax"),
                    Column("amount_total", .integer(), "amount_total"),
                    Column("metadata", .json, "metadata"),
                ])
        ],
        dumpFileOptional: true)
}
