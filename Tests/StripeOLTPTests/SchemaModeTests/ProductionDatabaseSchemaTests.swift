import Foundation
import Postgres
import StripeOLTP
import Testing
import TestSupport

/// A schema created beside the default one in a production database: whatever its own record
/// says, destructive commands treat it as production, and the default schema is never touched.
@Suite("Schemas in a production database", .needsDatabase)
struct ProductionDatabaseSchemaTests {
    @Test("a schema migrated under ENV=DEV in a database whose stripe schema is PROD refuses migrate reset and mark-environment")
    func resetRefused() throws {
        try TestDatabase.with(migrated: false) { db in
            let prod = try CLI.run(["migrate", "up", "--database-url", db.url], environment: ["ENV": "PROD"])
            #expect(prod.status == 0, "\(prod.stdout)\(prod.stderr)")
            let side = try CLI.run(["migrate", "up", "--schema", "stripe_side", "--database-url", db.url], environment: ["ENV": "DEV"])
            #expect(side.status == 0, "\(side.stdout)\(side.stderr)")
            let plain = try db.connect()
            try plain.execute(script: "INSERT INTO stripe_side.products (id, raw) VALUES ('prod_kept', '{}')")

            let reset = try CLI.run(["migrate", "reset", "--yes", "--schema", "stripe_side", "--database-url", db.url],
                                    environment: ["ENV": "DEV"])
            #expect(reset.status != 0)
            #expect(reset.stderr.contains("default schema stripe counts as PROD") && reset.stderr.contains("stripe_side"),
                    "\(reset.stderr)")
            #expect(try plain.query("SELECT count(*) FROM stripe_side.products").scalar(Int.self) == 1)

            let mark = try CLI.run(["migrate", "mark-environment", "DEV", "--schema", "stripe_side", "--database-url", db.url],
                                   environment: ["ENV": "DEV"])
            #expect(mark.status != 0, "\(mark.stdout)\(mark.stderr)")
            #expect(try plain.query("SELECT env FROM stripe_oltp.environment").scalar(String.self) == "PROD")
        }
    }

    @Test("beside a DEV default schema, migrate reset --schema drops only that schema")
    func resetAllowedBesideDev() throws {
        try TestDatabase.with(migrated: false) { db in
            #expect(try CLI.run(["migrate", "up", "--database-url", db.url], environment: ["ENV": "DEV"]).status == 0)
            #expect(try CLI.run(["migrate", "up", "--schema", "stripe_side", "--database-url", db.url]).status == 0)
            let plain = try db.connect()
            try plain.execute(script: """
                INSERT INTO stripe.products (id, raw) VALUES ('prod_default', '{}');
                INSERT INTO stripe_side.products (id, raw) VALUES ('prod_side', '{}');
                """)
            let unconfirmed = try CLI.run(["migrate", "reset", "--schema", "stripe_side", "--database-url", db.url])
            #expect(unconfirmed.status != 0)
            #expect(unconfirmed.stderr.contains("would drop the schemas stripe_side and stripe_side_oltp"), "\(unconfirmed.stderr)")
            let reset = try CLI.run(["migrate", "reset", "--yes", "--schema", "stripe_side", "--database-url", db.url])
            #expect(reset.status == 0, "\(reset.stdout)\(reset.stderr)")
            #expect(try plain.query("SELECT count(*) FROM stripe_side.products").scalar(Int.self) == 0)
            #expect(try plain.query("SELECT count(*) FROM stripe.products").scalar(Int.self) == 1)
        }
    }
}
