/// The events a synthetic customer's history leaves in `/v1/events`.
extension SyntheticCustomerBuilder {
    /// The API version the synthetic events carry.
    static let eventAPIVersion = "2025-03-31.basil"

    /// The `customer.created` event of a customer, its snapshot as `data.object`.
    func customerCreatedEvent(_ plan: SyntheticCustomerPlan, customer: SyntheticJSON) -> SyntheticJSON {
        [
            "api_version": .string(SyntheticCustomerBuilder.eventAPIVersion),
            "created": .int(plan.created),
            "data": ["object": customer],
            "id": .string(ids.id("evt", plan.index)),
            "livemode": false,
            "object": "event",
            "pending_webhooks": 0,
            "request": ["id": .null, "idempotency_key": .null],
            "type": "customer.created",
        ]
    }
}
