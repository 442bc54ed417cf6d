import StripeHTTP
import StripeJSON
import StripeOLTP

/// The Stripe client live sync uses: key from STRIPE_SECRET_KEY, base URL from STRIPE_API_BASE.
enum StripeKeyClient {
    /// A client, or nil when no key is set and `required` is false.
    static func make(_ settings: Settings, required: Bool) throws -> StripeClient? {
        guard let key = settings["STRIPE_SECRET_KEY"] else {
            guard required else { return nil }
            throw LoaderError.configuration(
                "STRIPE_SECRET_KEY is not set; export it or put it in .env.local (a secret sk_… or restricted rk_… key)")
        }
        return try StripeClient(configuration: try StripeClientConfiguration(
            apiKey: key, baseURL: settings["STRIPE_API_BASE"] ?? StripeClientConfiguration.defaultBaseURL))
    }
}
