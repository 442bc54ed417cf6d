@testable import StripeOLTP
import Testing

/// The run's cache of ids known to exist (pure: no database).
@Suite("Known ids")
struct KnownIDsTests {
    @Test("unknown(_:in:) gives the distinct ids the cache does not hold for that table")
    func unknownIDs() {
        let known = KnownIDs()
        known.insert(["cus_a", "cus_b"], in: .customers)
        #expect(known.unknown(["cus_a", "cus_c", "cus_c", "cus_d", "cus_b", "cus_c"], in: .customers) == ["cus_c", "cus_d"])
        #expect(known.unknown(["cus_a", "cus_b"], in: .customers).isEmpty)
        // Another table's ids are not this one's.
        #expect(known.unknown(["cus_a"], in: .prices) == ["cus_a"])
        #expect(KnownIDs(capacity: 0).unknown(["x", "x"], in: .products) == ["x"])
    }
}
