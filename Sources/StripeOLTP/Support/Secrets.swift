import Postgres
import StripeHTTP

/// Keeps API keys and passwords out of anything printed or logged.
public enum Secrets {
    /// Replaces every Stripe secret or restricted key in `text` with its prefix and `•••`, and
    /// every password in a URL's user information or a `password = …` keyword (quoted or not)
    /// with `***`; a second line of defence behind `ConnectionURL.redacted`, which shows
    /// connection strings only as libpq parsed them.
    public static func redact(_ text: String) -> String {
        ConnectionURL.scrub(KeyRedaction.redact(text))
    }
}
