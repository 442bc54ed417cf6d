/// Where `serve` hands each event whose signature was verified: the raw bytes as received, never
/// parsed before. One sink belongs to one worker thread of the server's pool (it may hold a
/// blocking database connection); a sink that throws is discarded and a new one made for the
/// next event, so a database that comes back is used again.
public protocol VerifiedEventSink {
    /// Applies one verified event. Throws only when the event could not be recorded at all (the
    /// database is unreachable): the server then answers 503 so that Stripe retries. Events that
    /// are duplicates, stale, of an unknown type or that fail to transform are outcomes, not errors.
    func apply(verifiedEvent payload: [UInt8]) throws -> VerifiedEventResult

    /// Throws when the database does not answer.
    func checkHealth() throws
}
