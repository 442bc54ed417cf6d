import StripeHTTP

/// Idempotency keys for populate's POSTs, derived from the fixture key, the action and the
/// parameters: a retried or repeated request replays Stripe's first answer instead of creating
/// a duplicate, and an edited fixture object gets a key of its own instead of an idempotency error.
public enum PopulateIdempotency {
    /// `stripe-oltp-populate-<action>-<fixture key>-<12 hex of the parameters' SHA-256>[-<generation>]`.
    public static func key(_ action: String, fixtureKey: String, parameters: [(String, FormValue)],
                           generation: String? = nil) -> String {
        let digest = Digest.sha256Hex(Array(FormValue.encode(parameters).utf8)).prefix(12)
        var key = "stripe-oltp-populate-\(action)-\(fixtureKey)-\(digest)"
        if let generation { key += "-\(generation)" }
        return key
    }
}
