import Foundation
import Postgres
import StripeEmulator
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("populate → fetch → ingest → check", .needsDatabase)
struct PopulateFetchEndToEndTests {
    @Test("the sandbox data set travels whole: check-db exits 0 and every manifest id is in the database")
    func populateFetchIngestCheck() async throws {
        try await PopulateEmulator.with { running in
            try TestDatabase.with { database in
                let environment = PopulateEmulator.cliEnvironment(running)
                let work = try TestEnvironment.temporaryDirectory().path
                let manifestPath = work + "/populate-manifest.json"
                let dumps = work + "/dumps"
                let populated = try CLI.run(["populate", "--manifest", manifestPath], environment: environment)
                #expect(populated.status == 0, "populate: \(populated.stderr)")
                let fetched = try CLI.run(["fetch", "--out", dumps, "--database-url", database.url], environment: environment)
                #expect(fetched.status == 0, "fetch: \(fetched.stderr)")
                let ingested = try CLI.run(["ingest", "all", "--dir", dumps, "--database-url", database.url], environment: environment)
                #expect(ingested.status == 0, "ingest: \(ingested.stderr)")
                let checked = try CLI.run(["check", "--dir", dumps, "--database-url", database.url], environment: environment)
                #expect(checked.status == 0, "check: \(checked.stdout)\(checked.stderr)")

                let manifest = try #require(PopulateManifest.read(from: manifestPath))
                let connection = try database.connect()
                var looked = 0
                for (key, entry) in manifest.objects {
                    guard let id = entry.id, let resource = Resource(name: entry.resource.rawValue) else { continue }
                    let row = try connection.query("SELECT is_placeholder, deleted FROM \(resource.table) WHERE id = $1", [id]).first
                    #expect(row != nil, "\(key) (\(id)) is not in \(resource.table)")
                    looked += 1
                    if entry.expected["deleted"] == true {
                        #expect(try row?.decode("deleted", as: Bool.self) == true, "\(key) should be deleted")
                    } else {
                        #expect(try row?.decode("is_placeholder", as: Bool.self) == false, "\(key) is only a placeholder")
                    }
                }
                // Every kind has a table.
                #expect(looked == manifest.objects.count)
                #expect(looked > 20)
                try expectMoneyTiesOut(connection)
                // Every billing kind travelled, the discount as a row harvested from its customer.
                let kinds = Set(manifest.objects.values.map(\.resource))
                for kind in PopulateResource.billing { #expect(kinds.contains(kind), "no \(kind.rawValue) in the manifest") }
                let embeddedDiscounts = try connection.query(
                    "SELECT count(*) FROM stripe.discounts WHERE is_embedded AND coupon_id IS NOT NULL AND customer_id IS NOT NULL")
                    .scalar(Int.self)
                #expect(embeddedDiscounts == 1)
                // Children beyond their parents' own objects: credit note lines, and checkout line items
                // that only fetch's extra listing brings; the check's rules about them hold.
                #expect(try connection.query("SELECT count(*) FROM stripe.credit_note_lines").scalar(Int.self) == 2)
                #expect(try connection.query("SELECT count(*) FROM stripe.checkout_session_line_items").scalar(Int.self) == 2)
                #expect(try connection.query(
                    "SELECT count(*) FROM stripe.customers WHERE address_country IS NOT NULL AND NOT is_placeholder").scalar(Int.self) ?? 0 > 0)
                let report = try IntegrityChecker(connection: connection).check(directory: try DumpDirectory(path: dumps))
                let names = [IntegrityChecker.creditNoteTotalRule] + [Resource.creditNotes, .checkoutSessions].flatMap { resource in
                    ResourceSpec.of(resource).children.map(IntegrityChecker.childCompletenessRule)
                }
                for name in names {
                    #expect(report.rules.first { $0.name == name }?.passed == true, "\(name)")
                }
            }
        }
    }

    /// The disputed charge, the refund and the payout arrived with the balance transactions
    /// behind them, and every succeeded charge has its own.
    private func expectMoneyTiesOut(_ connection: PGConnection) throws {
        func count(_ sql: String) throws -> Int { try connection.query(sql).scalar(Int.self) ?? -1 }
        #expect(try count("SELECT count(*) FROM stripe.disputes d JOIN stripe.charges c ON c.id = d.charge_id WHERE NOT d.is_placeholder AND c.disputed") >= 1)
        #expect(try count("SELECT count(*) FROM stripe.payouts WHERE NOT is_placeholder AND balance_transaction_id IS NOT NULL") >= 1)
        #expect(try count("SELECT count(*) FROM stripe.refunds WHERE NOT is_placeholder AND balance_transaction_id IS NOT NULL") >= 1)
        #expect(try count("SELECT count(*) FROM stripe.balance_transactions WHERE is_placeholder") == 0)
        #expect(try count("""
            SELECT count(*) FROM stripe.charges c WHERE c.status = 'succeeded'
              AND NOT EXISTS (SELECT 1 FROM stripe.balance_transactions b WHERE b.source_charge_id = c.id)
            """) == 0)
        for type in ["charge", "refund", "dispute", "payout"] {
            #expect(try count("SELECT count(*) FROM stripe.balance_transactions WHERE source_type = '\(type)'") >= 1, "\(type)")
        }
    }
}
