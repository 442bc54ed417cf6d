/// Removes Stripe secret and restricted keys from text before it is shown or logged.
public enum KeyRedaction {
    private static let prefixes = ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"]

    /// Characters that end a key in running text (besides white space and control characters).
    private static let delimiters: Set<Character> = ["\"", "'", "`", ",", ";", ")", "]", "}", ">"]

    /// `text` with every `sk_…`/`rk_…` key and `whsec_…` webhook secret replaced by its prefix and `•••`. A key runs to the
    /// next white space, control character or closing delimiter, so a malformed key holding `-`,
    /// `/` or `+` is removed whole.
    public static func redact(_ text: String) -> String {
        guard prefixes.contains(where: { text.contains($0) }) else { return text }
        var output = text
        for prefix in prefixes {
            while let range = output.range(of: prefix) {
                var end = range.upperBound
                while end < output.endIndex, KeyRedaction.isKeyCharacter(output[end]) {
                    end = output.index(after: end)
                }
                output.replaceSubrange(range.lowerBound..<end, with: String(prefix.dropLast()) + "•••")
            }
        }
        return output
    }

    private static func isKeyCharacter(_ character: Character) -> Bool {
        !character.isWhitespace && !delimiters.contains(character)
            && !character.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
