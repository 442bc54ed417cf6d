/// Makes Stripe-looking ids (`cus_QXg1o8vcGmoR32`, `in_1Pgc6tB7WZ01zgkWu9fdqL6I`) that are
/// deterministic for a seed and unique per prefix: the ordinal goes through a bijective mix,
/// so distinct ordinals always give distinct ids.
struct SyntheticIDFactory: Sendable {
    /// Letters used in ids.
    static let base62: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// The dump's seed.
    let seed: UInt64
    /// The ten-character account tag every long id carries, as Stripe's ids do.
    let accountTag: String

    /// A factory for `seed`.
    init(seed: UInt64) {
        self.seed = seed
        var random = SyntheticRandom(seed: seed, stream: 0xACC7)
        accountTag = random.characters(10, from: SyntheticIDFactory.base62)
    }

    /// The id number `ordinal` with `prefix` (without the underscore): 14 characters after
    /// the prefix for customers, products and subscription items, 24 for everything else.
    func id(_ prefix: String, _ ordinal: Int) -> String {
        let key = SyntheticRandom.mix(seed ^ SyntheticIDFactory.hash(prefix))
        let unique = SyntheticIDFactory.base62Digits(SyntheticRandom.mix(UInt64(ordinal) &+ key), count: 11)
        let extra = SyntheticIDFactory.base62Digits(SyntheticRandom.mix(UInt64(ordinal) ^ key ^ 0x5bd1_e995), count: 3)
        switch prefix {
        case "cus", "prod", "si":
            return prefix + "_" + unique + extra
        default:
            return prefix + "_1" + unique.prefix(5) + accountTag + unique.dropFirst(5) + extra.prefix(2)
        }
    }

    /// Exactly `count` base-62 digits of `value` (most significant first, zero padded).
    static func base62Digits(_ value: UInt64, count: Int) -> String {
        var digits = [UInt8](repeating: base62[0], count: count)
        var rest = value
        for index in stride(from: count - 1, through: 0, by: -1) {
            digits[index] = base62[Int(rest % 62)]
            rest /= 62
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// FNV-1a of `text`.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
