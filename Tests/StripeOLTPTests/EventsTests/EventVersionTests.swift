import StripeOLTP
import Testing

/// The ordering rule, on its own.
@Suite("Event ordering rule")
struct EventVersionTests {
    @Test("a later created wins, an earlier one loses, whatever the arrival")
    func created() {
        let stored = EventVersion(created: 100, objectUpdated: nil, arrival: 5)
        #expect(EventVersion(created: 101, objectUpdated: nil, arrival: 1).supersedes(stored))
        #expect(!EventVersion(created: 99, objectUpdated: nil, arrival: 9).supersedes(stored))
    }

    @Test("at the same second the later arrival wins")
    func sameSecond() {
        let stored = EventVersion(created: 100, objectUpdated: nil, arrival: 5)
        #expect(EventVersion(created: 100, objectUpdated: nil, arrival: 6).supersedes(stored))
        #expect(!EventVersion(created: 100, objectUpdated: nil, arrival: 4).supersedes(stored))
    }

    @Test("the object's own updated wins over created where both have it")
    func updated() {
        let stored = EventVersion(created: 100, objectUpdated: 90, arrival: 5)
        #expect(!EventVersion(created: 200, objectUpdated: 80, arrival: 6).supersedes(stored))
        #expect(EventVersion(created: 50, objectUpdated: 95, arrival: 6).supersedes(stored))
        #expect(EventVersion(created: 101, objectUpdated: 90, arrival: 6).supersedes(stored))
        #expect(EventVersion(created: 101, objectUpdated: nil, arrival: 6).supersedes(stored))
    }
}
