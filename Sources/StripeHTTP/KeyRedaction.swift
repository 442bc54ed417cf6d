/// Removes Stripe secret and restricted keys from text before it is shown or logged.
public enum KeyRedaction {
    private static let prefixes = ["sk_live_", "sk_test_", "rk_live_", "rk_test_"]

    /// `text` with every `sk_…`/`rk_…` key replaced by its prefix and `•••`.
    public static func redact(_ text: String) -> String {
        guard prefixes.contains(where: { text.contains($0) }) else { return text }
        var output = text
        for prefix in prefixes {
            while let range = output.range(of: prefix) {
                var end = range.upperBound
                while end < output.endIndex, output[end].isLetter || output[end].isNumber || output[end] == "_" {
                    end = output.index(after: end)
                }
                output.replaceSubrange(range.lowerBound..<end, with: String(prefix.dropLast()) + "•••")
            }
        }
        return output
    }
}
