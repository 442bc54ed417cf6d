import Foundation
import StripeHTTP
import StripeJSON
import StripeSchema

/// One fetch worker: its own client (and so its own kept-alive connection) and the shared
/// counters. Used by one thread at a time.
final class FetchWorker: @unchecked Sendable {
    private let client: StripeClient
    private let counters: FetchCounters

    /// A worker with a new client on `configuration`.
    init(configuration: StripeClientConfiguration, counters: FetchCounters) throws {
        client = try StripeClient(configuration: configuration)
        self.counters = counters
    }

    /// GETs `path` with `parameters` and parses the JSON answer; requests are counted for `resource`.
    func get(_ path: String, _ parameters: [(String, FormValue)], for resource: Resource?) throws -> JSONValue {
        let sentBefore = client.requestsSent
        let retriesBefore = client.retries
        let rateLimitedBefore = client.rateLimitedResponses
        defer {
            counters.addRequests(client.requestsSent - sentBefore, retries: client.retries - retriesBefore,
                                 rateLimited: client.rateLimitedResponses - rateLimitedBefore, resource: resource)
        }
        let response = try client.send(.get, path, parameters: parameters)
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw LoaderError.fetch(request: "GET \(path)", reason: "the response is not JSON: \(error)")
        }
    }
}
