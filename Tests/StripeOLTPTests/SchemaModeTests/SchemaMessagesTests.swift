import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// Messages of commands run with `--schema` name the schema's own tables, never `stripe_oltp`.
@Suite("Messages name the schema worked in", .needsDatabase)
struct SchemaMessagesTests {
    @Test("ingest --schema with a rejected object points at NAME_oltp.ingest_rejects, where the reject is")
    func rejectsTable() throws {
        try TestDatabase.with(migrated: false) { db in
            #expect(try CLI.run(["migrate", "up", "--schema", "stripe_side", "--database-url", db.url]).status == 0)
            let file = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_ok","object":"customer","livemode":false}"#,
                #"{"id":"cus_bad","object":"customer","livemode":false,"balance":"a lot"}"#,
            ])
            let result = try CLI.run(["ingest", "customers", "--file", file, "--schema", "stripe_side", "--database-url", db.url])
            #expect(result.status == 1)
            #expect(result.stderr.contains("see stripe_side_oltp.ingest_rejects"), "\(result.stderr)")
            #expect(!result.stderr.contains("stripe_oltp."), "\(result.stderr)")
            let plain = try db.connect()
            #expect(try plain.query("SELECT object_id FROM stripe_side_oltp.ingest_rejects").scalar(String.self) == "cus_bad")
        }
    }

    @Test("check --schema names the schema's table when its rows and the dump's objects differ")
    func checkNamesTable() throws {
        try TestDatabase.with(migrated: false) { db in
            #expect(try CLI.run(["migrate", "up", "--schema", "stripe_side", "--database-url", db.url]).status == 0)
            let ingest = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--schema", "stripe_side", "--database-url", db.url])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            try db.connect().execute(script: "INSERT INTO stripe_side.products (id, raw) VALUES ('prod_extra', '{}')")
            let check = try CLI.run(["check", "--dir", IngestFixtures.sampleDirectory, "--schema", "stripe_side", "--database-url", db.url])
            #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("rows in stripe_side.products"), "\(check.stdout)")
            #expect(!check.stdout.contains("rows in stripe."), "\(check.stdout)")
        }
    }

    @Test("without the source_account table, the error names NAME_oltp and the migrate command with --schema")
    func missingTable() throws {
        try TestDatabase.with(migrated: false) { db in
            let plain = try db.connect()
            try plain.execute(script: "CREATE SCHEMA stripe_side_oltp")
            try SchemaName("stripe_side").bind(plain)
            #expect {
                try SourceAccountStore.recordIfNone(FetchAccount(id: "acct_1", livemode: false, apiBase: "http://127.0.0.1"),
                                                    runID: nil, connection: plain)
            } throws: { error in
                "\(error)".contains("no stripe_side_oltp.source_account table")
                    && "\(error)".contains("'stripe-oltp migrate up --schema stripe_side'")
            }
        }
    }
}
