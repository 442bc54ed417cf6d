import Postgres

/// One object an ingest run could not load, as recorded in `stripe_oltp.ingest_rejects`.
public struct IngestReject: Sendable, Codable, Equatable {
    /// The dump file.
    public var file: String
    /// The object's first line in the file.
    public var line: Int?
    /// The object's id, when it has one.
    public var objectID: String?
    /// Why, naming the field (`field items.data.0.price: expected an id …`).
    public var reason: String

    /// The first `limit` rejects of run `runID`, in the order they were recorded.
    public static func first(_ limit: Int, runID: Int64, connection: PGConnection) throws -> [IngestReject] {
        precondition(limit > 0, "limit must be positive")
        return try connection.query("""
            SELECT file, line, object_id, reason FROM stripe_oltp.ingest_rejects WHERE run_id = $1 ORDER BY id LIMIT \(limit)
            """, [runID]).rows.map { row in
            IngestReject(file: row["file"] ?? "", line: row["line"].flatMap { Int($0) }, objectID: row["object_id"],
                         reason: row["reason"] ?? "")
        }
    }

    /// `file:line: id: reason`, one line.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(objectID ?? "(no id)"): \(reason)"
    }
}
