import Postgres
import StripeHTTP

/// Keeps API keys and passwords out of anything printed or logged.
public enum Secrets {
    /// Replaces every Stripe secret or restricted key in `text` with its prefix and `•••`,
    /// and every password in a connection URL with `***`.
    public static func redact(_ text: String) -> String {
        ConnectionURL.scrub(KeyRedaction.redact(text))
    }
}
