import StripeJSON

/// The fixture object being handled, so a failing request is reported with its resource, key
/// and action.
public struct PopulateStep: Sendable {
    /// The kind of object.
    public let resource: PopulateResource
    /// Its fixture key.
    public let key: String

    /// Runs `body`; any failure other than a `PopulateError` becomes `PopulateError.request`
    /// naming this object and `action`.
    public func call<T>(_ action: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PopulateError {
            throw error
        } catch {
            throw PopulateError.request(resource: resource.rawValue, key: key, action: action, reason: "\(error)")
        }
    }

    /// The `id` of a Stripe object, or an error naming this object.
    public func id(of object: JSONValue, action: String) throws -> String {
        guard let id = object["id"]?.stringValue, !id.isEmpty else {
            throw PopulateError.unexpectedResponse(resource: resource.rawValue, key: key, reason: "\(action) answered without an id")
        }
        return id
    }
}
