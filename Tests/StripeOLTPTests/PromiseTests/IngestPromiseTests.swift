import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// The README's ingest promises across several resources: a failed resource rolls back alone and
/// the others load; cursors advance only for resources that loaded cleanly.
@Suite("Ingest promises across resources", .needsDatabase)
struct IngestPromiseTests {
    /// A copy of the sample dumps in a fresh folder.
    private func sampleCopy() throws -> URL {
        let dir = try TestEnvironment.temporaryDirectory()
        let sample = try DumpDirectory(path: IngestFixtures.sampleDirectory)
        for resource in Resource.allCases {
            let source = try #require(sample.file(for: resource))
            try FileManager.default.copyItem(atPath: source, toPath: dir.appendingPathComponent(resource.fileName).path)
        }
        return dir
    }

    @Test("a malformed file rolls back its resource alone; every other resource loads")
    func malformedFileFailsAlone() throws {
        let dir = try sampleCopy()
        try "[{\"id\":\"prod_1\",".write(to: dir.appendingPathComponent("products.json"), atomically: true, encoding: .utf8)
        try TestDatabase.with { db in
            let connection = try db.connect()
            let report = try Ingester(connection: connection).run(
                Ingester.inputs(directory: try DumpDirectory(path: dir.path)), source: dir.path)
            let outcomes = Dictionary(uniqueKeysWithValues: report.resources.map { ($0.resource, $0.outcome) })
            #expect(outcomes[.products] == .failed)
            for resource in Resource.allCases where resource != .products {
                #expect(outcomes[resource] == .loaded, "\(resource)")
            }
            #expect(try connection.query("SELECT count(*) FROM stripe.charges WHERE NOT is_placeholder").scalar(Int.self) ?? 0 > 0)
            #expect(try connection.query("SELECT count(*) FROM stripe.products WHERE NOT is_placeholder").scalar(Int.self) == 0)
        }
    }

    @Test("a database error in one resource rolls back that resource alone; every other resource loads")
    func databaseErrorFailsAlone() throws {
        let dir = try sampleCopy()
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.execute(script: """
                CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
                CREATE TRIGGER refuse BEFORE INSERT ON stripe.customers FOR EACH ROW WHEN (NOT NEW.is_placeholder) EXECUTE FUNCTION public.refuse();
                """)
            let report = try Ingester(connection: connection).run(
                Ingester.inputs(directory: try DumpDirectory(path: dir.path)), source: dir.path)
            let customers = try #require(report.resources.first { $0.resource == .customers })
            #expect(customers.outcome == .failed)
            #expect(customers.error?.contains("refused by test") == true)
            #expect(customers.embeddedError?.contains("refused by test") == true, "customers found inside other objects fail alone too")
            for summary in report.resources where summary.resource != .customers {
                #expect(summary.outcome == .loaded, "\(summary.resource): \(summary.error ?? "")")
            }
            #expect(try connection.query("SELECT count(*) FROM stripe.invoices WHERE NOT is_placeholder").scalar(Int.self) ?? 0 > 0)
        }
    }

    @Test("ingest advances the fetch cursors only for resources that loaded without a reject or failure")
    func cursorsOnlyForCleanResources() throws {
        let dir = try sampleCopy()
        let now = Int(Date().timeIntervalSince1970)
        var manifest = FetchManifest(
            apiVersion: "2025-03-31.basil", mode: "full", fileFormat: .ndjson, startedAt: now,
            resources: Resource.allCases.map { FetchManifestResource(resource: $0, createdSince: nil, cursor: now - 10) },
            events: FetchManifestEvents(cursorID: "evt_1", cursorCreated: now - 5, since: nil))
        for index in manifest.resources.indices {
            manifest.resources[index].status = .complete
            manifest.resources[index].file = manifest.resources[index].resource.fileName
        }
        manifest.complete = true
        try manifest.write(directory: dir.path)
        // customers get a reject, charges fail whole.
        let customers = dir.appendingPathComponent("customers.json")
        let text = try String(contentsOf: customers, encoding: .utf8)
        try IngestFixtures.ndjson("customers.json", [#"{"id":"cus_bad","object":"customer","balance":"lots"}"#], in: dir)
        let withReject = try String(contentsOf: customers, encoding: .utf8)
        try FileManager.default.removeItem(at: customers)
        try IngestFixtures.ndjson("customers.json", [withReject.trimmingCharacters(in: .whitespacesAndNewlines)]
            + DumpLines.objects(of: text), in: dir)
        try "{\"object\":\"list\",\"data\":[{\"id\":".write(to: dir.appendingPathComponent("charges.json"), atomically: true, encoding: .utf8)
        try TestDatabase.with { db in
            let result = try CLI.run(["ingest", "all", "--dir", dir.path, "--database-url", db.url])
            #expect(result.status == 1)
            let names = Set(try db.connect().query("SELECT name FROM stripe_oltp.fetch_cursors").rows.compactMap { $0["name"] })
            #expect(names.contains("products") && names.contains("invoices"))
            #expect(!names.contains("customers"), "a resource with a reject keeps its cursor")
            #expect(!names.contains("charges"), "a failed resource keeps its cursor")
            #expect(!names.contains("events"), "the event cursor waits for every resource")
        }
    }
}
