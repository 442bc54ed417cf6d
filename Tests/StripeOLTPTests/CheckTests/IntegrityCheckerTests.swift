import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("Integrity checker against PostgreSQL", .needsDatabase)
struct IntegrityCheckerTests {
    /// A fresh database holding the sample dumps; `damage` runs SQL on it before the check, which
    /// shares the resources with a second session unless `alone`.
    private func checkAfter(alone: Bool = false, _ damage: (PGConnection) throws -> Void) throws -> CheckReport {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: IngestFixtures.sampleDirectory)
            let ingest = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
            #expect(ingest.succeeded)
            try damage(connection)
            let helper = alone ? nil : IntegrityChecker(connection: try db.connect())
            return try IntegrityChecker(connection: try db.connect()).check(directory: directory, helper: helper)
        }
    }

    private func some(_ connection: PGConnection, _ sql: String) throws -> String {
        try #require(try connection.query(sql).scalar(String.self))
    }

    @Test("a clean ingest passes every check, and the CLI exits 0")
    func cleanPasses() throws {
        let alone = try checkAfter(alone: true) { _ in }
        #expect(alone.passed)
        #expect(alone.resources.map(\.resource) == LoadOrder.resources)
        let report = try checkAfter { _ in }
        #expect(report.passed)
        #expect(report.resources.map(\.resource) == LoadOrder.resources)
        // The sample holds every resource's objects but discounts, which are embedded rows.
        let emptyInSample: Set<Resource> = [.discounts]
        #expect(report.resources.allSatisfy { ($0.dumpObjects > 0 || emptyInSample.contains($0.resource)) && $0.dumpObjects == $0.tableRows })
        #expect(report.resources.first { $0.resource == .discounts }?.embedded == 1)
        #expect(report.resources.first { $0.resource == .customers }?.placeholders == 1)
        try TestDatabase.with { db in
            let ingest = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(ingest.status == 0)
            let check = try CLI.run(["check", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("the database matches the dumps"))
        }
    }

    @Test("a deleted row is reported missing, with its id")
    func deletedRow() throws {
        var victim = ""
        let report = try checkAfter { connection in
            victim = try some(connection, "SELECT min(id) FROM stripe.charges")
            try connection.query("UPDATE stripe.payment_intents SET latest_charge_id = NULL WHERE latest_charge_id = $1", [victim])
            try connection.query("UPDATE stripe.balance_transactions SET source_charge_id = NULL WHERE source_charge_id = $1", [victim])
            try connection.query("DELETE FROM stripe.charges WHERE id = $1", [victim])
        }
        #expect(!report.passed)
        let charges = try #require(report.resources.first { $0.resource == .charges })
        #expect(charges.missing.first == [victim])
        #expect(!charges.countsMatch)
    }

    @Test("an extra row is reported, with its id")
    func extraRow() throws {
        let report = try checkAfter { connection in
            try connection.query("INSERT INTO stripe.customers (id, raw) VALUES ('cus_extra', '{\"id\": \"cus_extra\"}')")
        }
        let customers = try #require(report.resources.first { $0.resource == .customers })
        #expect(customers.extra.first == ["cus_extra"])
        #expect(!report.passed)
    }

    @Test("a changed amount column is reported, naming the column")
    func changedAmount() throws {
        var victim = ""
        let report = try checkAfter { connection in
            victim = try some(connection, "SELECT min(id) FROM stripe.charges")
            try connection.query("UPDATE stripe.charges SET amount = amount + 1 WHERE id = $1", [victim])
        }
        let charges = try #require(report.resources.first { $0.resource == .charges })
        #expect(charges.contentDiffers.first == [victim])
        #expect(charges.differences.first?.fields.contains("column:amount") == true)
    }

    @Test("a changed metadata value in raw is reported, naming the field")
    func changedMetadata() throws {
        var victim = ""
        let report = try checkAfter { connection in
            victim = try some(connection, "SELECT min(id) FROM stripe.customers WHERE NOT is_placeholder")
            try connection.query(
                "UPDATE stripe.customers SET raw = jsonb_set(raw, '{metadata,tier}', '\"tampered\"') WHERE id = $1", [victim])
        }
        let customers = try #require(report.resources.first { $0.resource == .customers })
        #expect(customers.contentDiffers.first == [victim])
        #expect(customers.differences.first?.fields == ["metadata"])
    }

    @Test("a removed line item is reported against its invoice")
    func removedLineItem() throws {
        var invoice = ""
        let report = try checkAfter { connection in
            invoice = try some(connection, "SELECT min(invoice_id) FROM stripe.invoice_line_items")
            try connection.query("""
                DELETE FROM stripe.invoice_line_items
                WHERE invoice_id = $1 AND id = (SELECT min(id) FROM stripe.invoice_line_items WHERE invoice_id = $1)
                """, [invoice])
        }
        let invoices = try #require(report.resources.first { $0.resource == .invoices })
        #expect(invoices.childrenDiffer.first == [invoice])
        #expect(!report.passed)
    }

    @Test("an orphaned foreign key is found even with its constraint dropped")
    func orphanedReference() throws {
        var victim = ""
        let report = try checkAfter { connection in
            victim = try some(connection, "SELECT min(id) FROM stripe.charges WHERE customer_id IS NOT NULL")
            try connection.query("ALTER TABLE stripe.charges DROP CONSTRAINT charges_customer_id_fkey")
            try connection.query("UPDATE stripe.charges SET customer_id = 'cus_ghost' WHERE id = $1", [victim])
        }
        let rule = try #require(report.rules.first { $0.name == "charges.customer_id → customers" })
        #expect(rule.violations.first == [victim])
        #expect(!report.passed)
    }

    @Test("a placeholder standing in for an object the dump has is reported")
    func placeholderNotReplaced() throws {
        var victim = ""
        let report = try checkAfter { connection in
            victim = try some(connection, "SELECT min(id) FROM stripe.products")
            try connection.query("UPDATE stripe.products SET is_placeholder = true, deleted = true WHERE id = $1", [victim])
        }
        let products = try #require(report.resources.first { $0.resource == .products })
        #expect(products.placeholdersInDump.first == [victim])
        #expect(!report.passed)
    }

    @Test("an unreferenced placeholder and a broken invariant are reported")
    func rulesCatchDamage() throws {
        var charge = ""
        let report = try checkAfter { connection in
            try connection.query("INSERT INTO stripe.prices (id, raw, is_placeholder, deleted) VALUES ('price_lonely', '{}', true, true)")
            charge = try some(connection, "SELECT min(id) FROM stripe.charges")
            try connection.query("UPDATE stripe.charges SET amount_refunded = amount + 1 WHERE id = $1", [charge])
        }
        let placeholders = try #require(report.rules.first { $0.name == "every price placeholder is referenced" })
        #expect(placeholders.violations.first == ["price_lonely"])
        let refunds = try #require(report.rules.first { $0.name == "charge amount_refunded ≤ amount" })
        #expect(refunds.violations.first == [charge])
    }

    @Test("the CLI exits 1 on a difference and 2 when a dump file is missing, naming it")
    func exitCodes() throws {
        try TestDatabase.with { db in
            let ingest = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(ingest.status == 0)
            try db.connect().query("INSERT INTO stripe.products (id, raw) VALUES ('prod_extra', '{}')")
            let differs = try CLI.run(["check", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url, "--json"])
            #expect(differs.status == 1)
            let report = try JSONDecoder().decode(CheckReport.self, from: Data(differs.stdout.utf8))
            #expect(report.resources.first { $0.resource == .products }?.extra.first == ["prod_extra"])

            let partial = try TestEnvironment.temporaryDirectory()
            for resource in Resource.allCases where resource != .charges {
                let source = try #require(try DumpDirectory(path: IngestFixtures.sampleDirectory).file(for: resource))
                try FileManager.default.copyItem(
                    atPath: source, toPath: partial.appendingPathComponent((source as NSString).lastPathComponent).path)
            }
            let missing = try CLI.run(["check", "--dir", partial.path, "--database-url", db.url])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("charges.json"))
            #expect(missing.stderr.contains("is missing"))
            let noDatabase = try CLI.run(["check", "--dir", IngestFixtures.sampleDirectory, "--database-url", "postgres://stripe@127.0.0.1:1/none"])
            #expect(noDatabase.status == 2)
        }
    }
}
