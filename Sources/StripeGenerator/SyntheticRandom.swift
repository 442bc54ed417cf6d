/// A small, seedable, platform-independent pseudo-random generator (SplitMix64), so the same
/// seed gives the same dump on every machine and Swift version.
struct SyntheticRandom: Sendable {
    private var state: UInt64

    /// A generator for one independent stream of `seed` (e.g. one per customer).
    init(seed: UInt64, stream: UInt64) {
        state = SyntheticRandom.mix(seed ^ SyntheticRandom.mix(stream &+ 0x6A09_E667_F3BC_C909))
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SyntheticRandom.mix(state)
    }

    /// A uniformly chosen integer in `range` (negligible modulo bias).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1.0p-53 < probability
    }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(in: 0...(elements.count - 1))]
    }

    /// `count` characters drawn from `alphabet`.
    mutating func characters(_ count: Int, from alphabet: [UInt8]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The SplitMix64 finalizer: a bijection on 64-bit values that scrambles its input.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
