/// Data of one Stripe account met data of another: fetch cursors, a dump or a database.
public struct AccountMismatchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Where the two accounts met.
    public enum Place: Sendable, Equatable {
        /// An incremental fetch found cursors recorded from another account or API base.
        case fetchCursors
        /// An ingest of the dump folder at `directory` into a database that holds another account.
        case ingest(directory: String)
    }

    /// The account already recorded (cursors or database).
    public let recorded: FetchAccount
    /// The account of the fetch or dump at hand.
    public let current: FetchAccount
    /// Where they met.
    public let place: Place

    /// A mismatch between `recorded` and `current` at `place`.
    public init(recorded: FetchAccount, current: FetchAccount, place: Place) {
        self.recorded = recorded
        self.current = current
        self.place = place
    }

    /// What differs and the way on.
    public var description: String {
        switch place {
        case .fetchCursors:
            return "refusing an incremental fetch: the stored fetch cursors belong to account \(recorded), "
                + "but STRIPE_SECRET_KEY and STRIPE_API_BASE reach account \(current); starting from those cursors "
                + "would miss that account's objects. Run 'stripe-oltp fetch --full' to fetch everything from "
                + "\(current.id), and load it into a database of its own (--database-url) or after 'stripe-oltp migrate reset'"
        case .ingest(let directory):
            return "refusing to ingest \(directory): its manifest names account \(current), but this database holds "
                + "account \(recorded); load it into a database of its own (--database-url) or run 'stripe-oltp migrate reset' first"
        }
    }
}
