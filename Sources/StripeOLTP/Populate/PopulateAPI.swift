import StripeHTTP
import StripeJSON

/// The Stripe calls populate makes, answers parsed as JSON. Lists are followed page by page.
public struct PopulateAPI {
    /// The client requests go through.
    public let client: StripeClient
    /// In a dry run, where the POST and DELETE requests go instead of Stripe; nil otherwise.
    public let withheld: PopulateWithheldRequests?

    /// Wraps `client`; with `withheld`, a dry run: only GET requests are sent, every other one is
    /// noted there and fails with `PopulateError.withheld`.
    public init(client: StripeClient, withheld: PopulateWithheldRequests? = nil) {
        self.client = client
        self.withheld = withheld
    }

    /// In a dry run, notes `request` and throws instead of sending it.
    private func withhold(_ request: String) throws {
        guard let withheld else { return }
        withheld.add(request)
        throw PopulateError.withheld(request: request)
    }

    /// `GET path` with `parameters` in the query.
    public func get(_ path: String, _ parameters: [(String, FormValue)] = []) throws -> JSONValue {
        try parse(client.send(.get, path, parameters: parameters), request: "GET \(path)")
    }

    /// `POST path` with `parameters` as the form body and the given idempotency key.
    public func post(_ path: String, _ parameters: [(String, FormValue)], idempotencyKey: String) throws -> JSONValue {
        try withhold("POST \(path)")
        return try parse(client.send(.post, path, parameters: parameters, idempotencyKey: idempotencyKey), request: "POST \(path)")
    }

    /// Creates an object with `POST path` under `idempotencyKey`, resting on what Stripe holds:
    /// when Stripe replays the answer of an earlier request with that key (`Idempotent-Replayed`)
    /// and the object it names is gone since (deleted by hand: 404, or `deleted`), the object is
    /// created anew under a key derived from the gone one, so retries still replay instead of duplicating.
    public func create(_ path: String, _ parameters: [(String, FormValue)], idempotencyKey: String) throws -> JSONValue {
        try withhold("POST \(path)")
        var key = idempotencyKey
        for _ in 0..<5 {
            let response = try client.send(.post, path, parameters: parameters, idempotencyKey: key)
            let created = try parse(response, request: "POST \(path)")
            guard response.headers["idempotent-replayed"] == "true", let id = created["id"]?.stringValue,
                  try isGone("\(path)/\(id)") else { return created }
            key = "\(idempotencyKey)-after-\(id)"
        }
        throw PopulateError.response(request: "POST \(path)", reason: "every object created under \(idempotencyKey) was deleted since")
    }

    /// True when Stripe no longer holds the object at `path` (404, or a `deleted` stub).
    private func isGone(_ path: String) throws -> Bool {
        do {
            return try get(path)["deleted"]?.boolValue == true
        } catch HTTPError.api(let error) where error.status == 404 {
            return true
        }
    }

    /// `DELETE path`.
    public func delete(_ path: String, _ parameters: [(String, FormValue)] = []) throws -> JSONValue {
        try withhold("DELETE \(path)")
        return try parse(client.send(.delete, path, parameters: parameters), request: "DELETE \(path)")
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
