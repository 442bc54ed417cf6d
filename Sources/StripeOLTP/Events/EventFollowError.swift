/// Why `sync --follow` cannot go on.
public enum EventFollowError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Another follower holds the database's lease.
    case leaseHeld
    /// The database has no event cursor to follow from.
    case noCursor
    /// The cursor is older than Stripe keeps events: the changes in between cannot be read.
    case cursorExpired(cursorCreated: Int, days: Int)
    /// The cursor was fetched through another API base than the one configured.
    case otherServer(cursorBase: String, configuredBase: String)

    /// A message saying what failed and what to do.
    public var description: String {
        switch self {
        case .leaseHeld:
            return "another 'stripe-oltp sync --follow' is following this database (it holds the follower lease); "
                + "only one may run at a time; stop it, or pass --wait to take over when it ends"
        case .noCursor:
            return "the database has no event cursor yet; run 'stripe-oltp fetch' and 'stripe-oltp ingest all' first, then follow"
        case .cursorExpired(let created, let days):
            return "the event cursor (\(EventFollower.timeText(created))) is \(days) days old, beyond Stripe's 30-day event "
                + "retention: the changes since cannot be read; run a full fetch ('stripe-oltp fetch --full', then "
                + "'stripe-oltp ingest all') and follow again"
        case .otherServer(let cursorBase, let configuredBase):
            return "the event cursor was fetched from \(cursorBase), but STRIPE_API_BASE is \(configuredBase); following "
                + "another server's events would mix accounts; set STRIPE_API_BASE to \(cursorBase), or fetch this one into a database of its own"
        }
    }
}
