import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// A schema that holds rows but records no mode (loaded before migration 0015) takes its mode
/// from the rows: a load of the other mode is refused, and `mark-mode` does not relabel it.
@Suite("A schema's mode taken from the rows it holds", .needsDatabase)
struct SchemaModeFromRowsTests {
    @Test("test-mode rows without a mode record: a live-mode dump is refused and mark-mode live needs --replace")
    func modeFromRows() throws {
        try TestDatabase.with(migrated: false) { db in
            #expect(try CLI.run(["migrate", "up", "--schema", "stripe_old", "--database-url", db.url]).status == 0)
            let first = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--schema", "stripe_old", "--database-url", db.url])
            #expect(first.status == 0, "\(first.stderr)")
            let plain = try db.connect()
            try plain.execute(script: "DELETE FROM stripe_old_oltp.schema_mode")  // as a schema loaded before 0015
            let customers = try plain.query("SELECT count(*) FROM stripe_old.customers").scalar(Int.self)

            let file = try IngestFixtures.ndjson("customers.json", [#"{"id":"cus_live","object":"customer","livemode":true}"#])
            let live = try CLI.run(["ingest", "customers", "--file", file, "--schema", "stripe_old", "--database-url", db.url])
            #expect(live.status != 0)
            #expect(live.stderr.contains("object cus_live is live-mode data") && live.stderr.contains("the rows the schema already holds"),
                    "\(live.stderr)")
            #expect(try plain.query("SELECT count(*) FROM stripe_old.customers").scalar(Int.self) == customers)

            let mark = try CLI.run(["migrate", "mark-mode", "live", "--schema", "stripe_old", "--database-url", db.url])
            #expect(mark.status != 0 && mark.stderr.contains("--replace"), "\(mark.stdout)\(mark.stderr)")
            #expect(try plain.query("SELECT count(*) FROM stripe_old_oltp.schema_mode").scalar(Int.self) == 0)
        }
    }
}
