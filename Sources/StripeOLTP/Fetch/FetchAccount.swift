import StripeHTTP
import StripeJSON

/// The Stripe account a fetch reads from: the `/v1/account` id, its mode and the API base it is
/// reached through. Recorded in the dump manifest, with the fetch cursors, and in the database on
/// the first ingest of a dump that names one.
public struct FetchAccount: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The account id (`acct_…`).
    public var id: String
    /// True for live mode.
    public var livemode: Bool
    /// The API base URL (`https://api.stripe.com`, or a local server's).
    public var apiBase: String

    /// An account as `/v1/account` reported it through `apiBase`.
    public init(id: String, livemode: Bool, apiBase: String) {
        self.id = id
        self.livemode = livemode
        self.apiBase = apiBase
    }

    /// `acct_… (test mode) at https://api.stripe.com`.
    public var description: String {
        "\(id) (\(livemode ? "live" : "test") mode) at \(apiBase)"
    }

    /// True when `other` is the same account reached through the same API base.
    public func sameSource(as other: FetchAccount) -> Bool {
        id == other.id && livemode == other.livemode && apiBase == other.apiBase
    }

    /// The account described by a `GET /v1/account` answer `body`, reached through `apiBase`.
    public static func parse(_ body: JSONValue, apiBase: String, liveKey: Bool) throws -> FetchAccount {
        guard let id = body["id"]?.stringValue else {
            throw LoaderError.fetch(request: "GET /v1/account", reason: "the answer has no account id")
        }
        return FetchAccount(id: id, livemode: body["livemode"]?.boolValue ?? liveKey, apiBase: apiBase)
    }

    /// Asks `client` which account its key belongs to; nil (and the reason in `unknown`) when the
    /// key may not read the account, as a restricted key without that permission.
    public static func retrieve(client: StripeClient, unknown: (String) -> Void = { _ in }) throws -> FetchAccount? {
        do {
            let response = try client.send(.get, "/v1/account")
            let body: JSONValue
            do {
                body = try JSONParser.parse(response.body)
            } catch {
                throw LoaderError.fetch(request: "GET /v1/account", reason: "the response is not JSON: \(error)")
            }
            return try parse(body, apiBase: client.configuration.baseURL, liveKey: client.configuration.isLiveKey)
        } catch HTTPError.api(let error) where error.status == 403 || error.type == "permission_error" {
            unknown(error.message)
            return nil
        }
    }
}
