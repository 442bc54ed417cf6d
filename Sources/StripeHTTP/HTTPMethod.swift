/// The HTTP methods Stripe's API uses.
public enum HTTPMethod: String, Sendable {
    /// Read.
    case get = "GET"
    /// Create or update.
    case post = "POST"
    /// Delete.
    case delete = "DELETE"
}
