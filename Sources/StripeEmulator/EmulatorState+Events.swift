extension EmulatorState {
    /// The Stripe API version the emulator's objects follow.
    static let apiVersion = "2025-08-27.basil"

    /// Records an event of `type` whose `data.object` is `object`.
    mutating func emit(_ type: String, _ object: JSONValue, previous: [String: JSONValue]? = nil) {
        var data: [String: JSONValue] = ["object": object]
        if let previous { data["previous_attributes"] = .object(previous) }
        let event: JSONValue = .object([
            "id": .string(newID(.event)),
            "object": "event",
            "api_version": .string(Self.apiVersion),
            "created": .int(now()),
            "data": .object(data),
            "livemode": false,
            "pending_webhooks": 0,
            "request": .object([
                "id": currentRequestID.map { .string($0) } ?? .null,
                "idempotency_key": currentIdempotencyKey.map { .string($0) } ?? .null,
            ]),
            "type": .string(type),
        ])
        store(.event, event)
        undeliveredEvents.append(event)
    }

    /// The members of `new` that differ from `old`, with their old values (`previous_attributes`).
    func changes(from old: JSONValue, to new: JSONValue) -> [String: JSONValue] {
        guard let before = old.objectValue, let after = new.objectValue else { return [:] }
        var result: [String: JSONValue] = [:]
        for (key, value) in after where before[key] != value {
            result[key] = before[key] ?? .null
        }
        return result
    }

    /// Stores an updated object and emits `<object>.updated` when anything changed.
    mutating func update(_ kind: ResourceKind, from old: JSONValue, to new: JSONValue, eventPrefix: String? = nil) {
        store(kind, new)
        let previous = changes(from: old, to: new)
        if !previous.isEmpty {
            emit("\(eventPrefix ?? kind.rawValue).updated", new, previous: previous)
        }
    }

    func listEvents(_ params: Params) throws -> JSONValue {
        try params.allow(["type", "types", "created", "limit", "starting_after", "ending_before", "delivery_success"])
        var patterns: [String] = []
        if let type = params.string("type") { patterns.append(type) }
        if let types = params.values["types"]?.arrayValue { patterns += types.compactMap(\.stringValue) }
        return try list(.event, params, url: "/v1/events") { event in
            guard !patterns.isEmpty else { return true }
            let type = event["type"]?.stringValue ?? ""
            return patterns.contains { pattern in
                pattern.hasSuffix(".*") ? type.hasPrefix(String(pattern.dropLast())) : type == pattern
            }
        }
    }
}
