import Postgres

/// Keeps API keys and passwords out of anything printed or logged.
public enum Secrets {
    private static let keyPrefixes = ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"]

    /// Replaces every Stripe secret or restricted key in `text` with its prefix and `***`,
    /// and every password in a connection URL with `***`.
    public static func redact(_ text: String) -> String {
        var output = text
        for prefix in keyPrefixes {
            while let range = output.range(of: prefix) {
                var end = range.upperBound
                while end < output.endIndex, output[end].isLetter || output[end].isNumber || output[end] == "_" {
                    end = output.index(after: end)
                }
                output.replaceSubrange(range.lowerBound..<end, with: String(prefix.dropLast()) + "•••")
            }
        }
        return ConnectionURL.scrub(output)
    }
}
