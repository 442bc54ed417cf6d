import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport

/// Small helpers for ingest tests: writing dump files and loading them.
enum IngestFixtures {
    /// Writes `lines` as an NDJSON file named `name` in a fresh folder; returns the file path.
    @discardableResult
    static func ndjson(_ name: String, _ lines: [String], in dir: URL? = nil) throws -> String {
        let folder = try dir ?? TestEnvironment.temporaryDirectory()
        let url = folder.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Loads one resource file and returns its summary.
    @discardableResult
    static func load(_ resource: Resource, _ file: String, on connection: PGConnection) throws -> ResourceSummary {
        let report = try Ingester(connection: connection).run([(resource, file)], source: file)
        return report.resources[0]
    }

    /// The sample dump folder shipped in fixtures/.
    static var sampleDirectory: String {
        TestEnvironment.fixturesDirectory.appendingPathComponent("sample").path
    }

    /// A stable digest of every table's content, to compare two databases.
    static func contentDigest(_ connection: PGConnection) throws -> [String: String] {
        var digests: [String: String] = [:]
        let tables = Resource.allCases.flatMap { [$0.table] + ResourceSpec.of($0).children.map(\.table) }
        for table in tables {
            let columnList = try connection.query("""
                SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
                WHERE table_schema = 'stripe' AND table_name = $1 AND column_name <> 'ingested_at'
                """, [String(table.dropFirst("stripe.".count))]).scalar(String.self) ?? "*"
            digests[table] = try connection.query("""
                SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM (SELECT \(columnList) FROM \(table)) r
                """).scalar(String.self)
        }
        return digests
    }
}
