import Foundation

extension EmulatorState {
    /// `POST /v1/webhook_endpoints`: `url` and `enabled_events[]` required; the answer alone
    /// carries the endpoint's `whsec_…` signing secret.
    mutating func createWebhookEndpoint(_ params: Params) throws -> JSONValue {
        try params.allow(["url", "enabled_events", "description", "metadata", "api_version", "connect"])
        let url = try params.requireString("url")
        try Self.checkWebhookURL(url)
        let events = try Self.enabledEvents(params)
        let id = newID(.webhookEndpoint)
        var endpoint: [String: JSONValue] = [
            "id": .string(id), "object": "webhook_endpoint", "api_version": params.string("api_version").map { .string($0) } ?? nil,
            "application": nil, "created": .int(now()), "description": params.string("description").map { .string($0) } ?? nil,
            "enabled_events": .array(events.map { .string($0) }), "livemode": false,
            "metadata": try params.metadata(updating: nil), "status": "enabled", "url": .string(url),
        ]
        store(.webhookEndpoint, .object(endpoint))
        let secret = Self.newWebhookSecret()
        webhookSecrets[id] = secret
        endpoint["secret"] = .string(secret)
        return .object(endpoint)
    }

    /// `POST /v1/webhook_endpoints/{id}`: `url`, `enabled_events[]`, `disabled`, `description`, `metadata`.
    mutating func updateWebhookEndpoint(_ id: String, _ params: Params) throws -> JSONValue {
        try params.allow(["url", "enabled_events", "disabled", "description", "metadata"])
        var endpoint = try fetch(.webhookEndpoint, id)
        if let url = params.string("url") {
            try Self.checkWebhookURL(url)
            endpoint["url"] = .string(url)
        }
        if params.has("enabled_events") { endpoint["enabled_events"] = .array(try Self.enabledEvents(params).map { .string($0) }) }
        if let disabled = try params.bool("disabled") { endpoint["status"] = disabled ? "disabled" : "enabled" }
        if let description = params.string("description") { endpoint["description"] = .string(description) }
        if params.has("metadata") { endpoint["metadata"] = try params.metadata(updating: endpoint["metadata"]) }
        store(.webhookEndpoint, endpoint)
        return endpoint
    }

    /// `DELETE /v1/webhook_endpoints/{id}`.
    mutating func deleteWebhookEndpoint(_ id: String) throws -> JSONValue {
        _ = try fetch(.webhookEndpoint, id)
        remove(.webhookEndpoint, id)
        webhookSecrets[id] = nil
        return .object(["id": .string(id), "object": "webhook_endpoint", "deleted": true])
    }

    /// `GET /v1/webhook_endpoints`.
    func listWebhookEndpoints(_ params: Params) throws -> JSONValue {
        try params.allow(["limit", "starting_after", "ending_before"])
        return try list(.webhookEndpoint, params, url: "/v1/webhook_endpoints")
    }

    /// The enabled endpoints that want events of `type` (`*` matches every type), with their secrets.
    func webhookTargets(for type: String) -> [WebhookTarget] {
        table(.webhookEndpoint).newestFirst.reversed().compactMap { endpoint in
            guard endpoint["status"]?.stringValue == "enabled", let id = endpoint["id"]?.stringValue,
                  let url = endpoint["url"]?.stringValue, let secret = webhookSecrets[id] else { return nil }
            let wanted = endpoint["enabled_events"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard wanted.contains("*") || wanted.contains(type) else { return nil }
            return WebhookTarget(endpointID: id, url: url, secret: secret)
        }
    }

    private static func enabledEvents(_ params: Params) throws -> [String] {
        let events = params.values["enabled_events"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !events.isEmpty else { throw StripeError.missing("enabled_events") }
        return events
    }

    private static func checkWebhookURL(_ url: String) throws {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw StripeError.invalid("url", "Invalid URL: \(url) must be an http or https URL")
        }
    }

    private static func newWebhookSecret() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return "whsec_" + String((0..<32).map { _ in alphabet.randomElement()! })
    }
}
