import StripeSchema
import Testing

@Suite("Timestamp text at the edges of timestamptz")
struct TimestampTextTests {
    @Test("times timestamptz cannot hold (Int64.min, Int64.max, 1e17, one second past either end) give nil instead of trapping")
    func outOfRange() {
        for seconds: Int64 in [.min, .min + 1, .max, 100_000_000_000_000_000, -100_000_000_000_000_000,
                               TimestampText.earliest - 1, TimestampText.latest + 1] {
            #expect(TimestampText.format(unixSeconds: seconds) == nil, "\(seconds)")
        }
    }

    @Test("the first and last second timestamptz holds are written as PostgreSQL reads them")
    func extremes() {
        #expect(TimestampText.format(unixSeconds: TimestampText.earliest) == "4714-11-24 00:00:00+00 BC")
        #expect(TimestampText.format(unixSeconds: TimestampText.latest) == "294276-12-31 23:59:59+00")
        #expect(TimestampText.format(unixSeconds: -62_135_596_800) == "0001-01-01 00:00:00+00")
        #expect(TimestampText.format(unixSeconds: -62_135_596_801) == "0001-12-31 23:59:59+00 BC")
    }
}
