import Foundation
import Postgres

/// Says plainly when a database holds data of another source than the dumps being checked:
/// another Stripe account than the dump's manifest names, or loads from other folders (the
/// sample, say) whose rows a check of these dumps reports as extra.
public enum DataSourceNote {
    /// The note for checking `directory` against `connection`'s database after `report`; nil
    /// when nothing points at a second source.
    public static func note(directory: String, report: CheckReport, connection: PGConnection) throws -> String? {
        let dumpAccount = try FetchManifest.read(directory: directory)?.account
        let databaseAccount = try SourceAccountStore.load(connection: connection)
        if let dumpAccount, let databaseAccount, dumpAccount.id != databaseAccount.id || dumpAccount.livemode != databaseAccount.livemode {
            return "these dumps are of Stripe account \(dumpAccount) but the database holds account \(databaseAccount): "
                + "the check compares two different sources. Check against the database the dumps were loaded into."
        }
        guard report.resources.contains(where: { !$0.extra.isEmpty }) else { return nil }
        let here = canonical(directory)
        var others: [String] = []
        for row in try connection.query("""
            SELECT source FROM stripe_oltp.ingest_runs WHERE outcome IN ('succeeded', 'partial') GROUP BY source ORDER BY min(id)
            """).rows {
            guard let source = row["source"] else { continue }
            let folder = source.hasSuffix(".json") || source.hasSuffix(".gz") || source.hasSuffix(".ndjson")
                ? (source as NSString).deletingLastPathComponent : source
            if canonical(folder) != here { others.append(source) }
        }
        guard !others.isEmpty else { return nil }
        return "the database was also loaded from \(others.joined(separator: ", ")); if that is another data source "
            + "(such as the sample), its rows are the extra rows reported here. Keep one database per data source, "
            + "or run 'stripe-oltp migrate reset' before loading these dumps."
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
