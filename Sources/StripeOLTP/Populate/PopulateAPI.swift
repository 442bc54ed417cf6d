import StripeHTTP

/// The Stripe calls populate makes, answers parsed as JSON. Lists are followed page by page.
public struct PopulateAPI {
    /// The client requests go through.
    public let client: StripeClient

    /// Wraps `client`.
    public init(client: StripeClient) {
        self.client = client
    }

    /// `GET path` with `parameters` in the query.
    public func get(_ path: String, _ parameters: [(String, FormValue)] = []) throws -> JSONValue {
        try parse(client.send(.get, path, parameters: parameters), request: "GET \(path)")
    }

    /// `POST path` with `parameters` as the form body and the given idempotency key.
    public func post(_ path: String, _ parameters: [(String, FormValue)], idempotencyKey: String) throws -> JSONValue {
        try parse(client.send(.post, path, parameters: parameters, idempotencyKey: idempotencyKey), request: "POST \(path)")
    }

    /// `DELETE path`.
    public func delete(_ path: String, _ parameters: [(String, FormValue)] = []) throws -> JSONValue {
        try parse(client.send(.delete, path, parameters: parameters), request: "DELETE \(path)")
    }

    /// Every object of the list at `path` (100 per page, following `has_more`), up to `maxPages`
    /// pages; a list whose pages repeat stops with an error.
    public func list(_ path: String, _ parameters: [(String, FormValue)] = [], maxPages: Int = 100) throws -> [JSONValue] {
        var objects: [JSONValue] = []
        try StripeListPaging.forEachPage(
            path, pageSize: 100, maxPages: maxPages, parameters: { parameters }, get: { try get(path, $0) }
        ) { page, _ in objects += page }
        return objects
    }

    private func parse(_ response: HTTPResponse, request: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw PopulateError.response(request: request, reason: "the answer is not JSON (\(error))")
        }
    }
}
