import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("First load into empty tables", .needsDatabase)
struct IngestBulkLoadTests {
    private static let schemaDefinitions = """
        SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE contype = 'f' AND connamespace = 'stripe'::regnamespace
        UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'stripe'
        ORDER BY 1
        """

    /// The identities (OIDs) of every index and foreign key of the stripe schema: a rebuilt
    /// object gets a new OID even when its definition text is the same.
    private static let schemaObjectIdentities = """
        SELECT 'index ' || i.indexrelid::regclass::text || ' ' || i.indexrelid::text AS identity
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'stripe'::regnamespace
        UNION ALL SELECT 'fk ' || conname || ' ' || oid::text FROM pg_constraint
        WHERE contype = 'f' AND connamespace = 'stripe'::regnamespace
        ORDER BY 1
        """

    @Test("a first load rebuilds every index and foreign key exactly as migrated, and a later load keeps them")
    func rebuildsSchemaObjects() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let migrated = try connection.query(Self.schemaDefinitions).rows.map { $0["definition"] }
            #expect(migrated.count > 20)
            let directory = try DumpDirectory(path: IngestFixtures.sampleDirectory)
            let first = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
            #expect(first.succeeded)
            #expect(try connection.query(Self.schemaDefinitions).rows.map { $0["definition"] } == migrated)
            let identities = try connection.query(Self.schemaObjectIdentities).rows.map { $0["identity"] }
            #expect(identities.count == migrated.count)
            // The foreign keys are live again: a reference to a missing customer is refused.
            #expect(throws: PGError.self) {
                try connection.query("INSERT INTO stripe.subscriptions (id, raw, customer_id) VALUES ('sub_x', '{}', 'cus_missing')")
            }
            let second = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
            #expect(second.succeeded)
            #expect(second.resources.allSatisfy { $0.inserted == 0 && $0.updated == 0 })
            #expect(try connection.query(Self.schemaDefinitions).rows.map { $0["definition"] } == migrated)
            // Kept, not dropped and rebuilt: the very same index and constraint objects.
            #expect(try connection.query(Self.schemaObjectIdentities).rows.map { $0["identity"] } == identities)
        }
    }

    @Test("a forward reference gets a placeholder only when the run never loads its object")
    func forwardReferences() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: IngestFixtures.sampleDirectory)
            // Payment intents reference charges, which load after them: no charge placeholder survives a full run.
            let full = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
            #expect(full.succeeded)
            #expect(try connection.query("SELECT count(*) FROM stripe.charges WHERE is_placeholder").scalar(Int.self) == 0)
            #expect(full.resources.first { $0.resource == .charges }?.placeholdersReplaced == 0)
        }
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: IngestFixtures.sampleDirectory)
            // Without the charges, the payment intents' latest charges become placeholders at the run's end.
            let partial = try Ingester(connection: connection).run(
                Ingester.inputs(directory: directory, resources: Resource.allCases.filter { $0 != .charges }), source: "sample")
            #expect(partial.succeeded)
            let referenced = try connection.query(
                "SELECT count(DISTINCT latest_charge_id) FROM stripe.payment_intents WHERE latest_charge_id IS NOT NULL").scalar(Int.self) ?? 0
            #expect(referenced > 0)
            #expect(try connection.query("SELECT count(*) FROM stripe.charges WHERE is_placeholder").scalar(Int.self) == referenced)
            // Created for the payment intents' forward references, or already for the balance
            // transactions' sources (they load later and reference the same charges).
            #expect(partial.resources.reduce(0) { $0 + $1.placeholdersCreated } >= referenced)
        }
    }

    @Test("a forward reference to an object the later file lacks gets a placeholder; one the file holds does not")
    func forwardReferenceTheLaterFileLacks() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        try IngestFixtures.ndjson("subscriptions.json", [
            #"{"id":"sub_1","object":"subscription","customer":"cus_1","latest_invoice":"in_held"}"#,
            #"{"id":"sub_2","object":"subscription","customer":"cus_1","latest_invoice":"in_lacking"}"#,
        ], in: dir)
        try IngestFixtures.ndjson("invoices.json", [#"{"id":"in_held","object":"invoice","customer":"cus_1"}"#], in: dir)
        try TestDatabase.with { db in
            let connection = try db.connect()
            let report = try Ingester(connection: connection).run(
                Ingester.inputs(directory: try DumpDirectory(path: dir.path), resources: [.subscriptions, .invoices]), source: dir.path)
            #expect(report.succeeded, "\(report.resources.map { $0.error ?? "" })")
            let invoices = try connection.query("SELECT id, is_placeholder FROM stripe.invoices ORDER BY id").rows
            #expect(invoices.map { "\($0["id"] ?? "") \($0["is_placeholder"] ?? "")" } == ["in_held f", "in_lacking t"])
        }
    }
}

/// The phases an ingest report times, and the partial indexes a first load keeps.
@Suite("First load: phases and kept partial indexes", .needsDatabase)
struct IngestBulkLoadPhaseTests {
    /// Every secondary index of the stripe schema that no constraint owns: name, OID, partial.
    private static let secondaryIndexes = """
        SELECT i.indexrelid::regclass::text AS name, i.indexrelid::text AS oid, i.indpred IS NOT NULL AS partial
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relnamespace = 'stripe'::regnamespace AND NOT i.indisprimary AND NOT i.indisunique
        ORDER BY 1
        """

    @Test("a first load keeps the partial placeholder indexes in place and rebuilds the full ones")
    func keepsPartialIndexes() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let before = try connection.query(Self.secondaryIndexes).rows
            let partial = before.filter { $0["partial"] == "t" }
            #expect(partial.count >= 20, "each table's placeholder index is partial: \(partial.count)")
            let report = try Ingester(connection: connection).run(
                Ingester.inputs(directory: try DumpDirectory(path: IngestFixtures.sampleDirectory)), source: "sample")
            #expect(report.succeeded)
            #expect(report.fastPathSkipped == nil, "the first load took its fast path")
            let after = Dictionary(uniqueKeysWithValues: try connection.query(Self.secondaryIndexes).rows.map { ($0["name"]!, $0["oid"]!) })
            #expect(after.count == before.count)
            for index in before {
                let name = index["name"]!
                if index["partial"] == "t" {
                    #expect(after[name] == index["oid"], "\(name) was dropped and rebuilt")
                } else {
                    #expect(after[name] != nil && after[name] != index["oid"], "\(name) was not rebuilt after the load")
                }
            }
            // The kept index still serves: the sample's deleted customers are placeholders.
            let placeholders = try connection.query("SELECT count(*) FROM stripe.customers WHERE is_placeholder").scalar(Int.self) ?? 0
            #expect(placeholders >= 1)
        }
    }

    @Test("the report names each phase in order; only a first load rebuilds indexes; --verbose prints them")
    func phases() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: IngestFixtures.sampleDirectory)
            let first = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
            #expect(first.phases.map(\.name) == [
                "load files", "embedded objects", "placeholders for later resources", "column fills",
                "first load: indexes and foreign keys", "commit", "placeholder counts",
            ])
            #expect(first.phases.allSatisfy { $0.seconds >= 0 })
            let second = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
            #expect(second.phases.map(\.name) == [
                "load files", "embedded objects", "placeholders for later resources", "column fills", "commit", "placeholder counts",
            ])
            let quiet = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(quiet.status == 0, "\(quiet.stderr)")
            #expect(!quiet.stderr.contains("phase ") && !quiet.stdout.contains("phase "), "the default output has no phases")
            let verbose = try CLI.run(["--verbose", "ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(verbose.status == 0, "\(verbose.stderr)")
            #expect(verbose.stderr.contains("stripe-oltp: detail: phase load files: "), "\(verbose.stderr)")
            #expect(verbose.stderr.contains("stripe-oltp: detail: phase commit: "))
        }
    }
}

@Suite("First load by a role that does not own the tables", .needsDatabase)
struct IngestWithoutOwnershipTests {
    @Test("a role that may write rows but not alter tables loads the usual way, with every constraint kept")
    func loadsWithoutBulkPath() throws {
        try TestDatabase.with { db in
            let owner = try db.connect()
            let role = "ingest_only_" + db.name.suffix(8)
            try owner.execute(script: """
                CREATE ROLE \(role) LOGIN;
                GRANT TEMPORARY ON DATABASE \(db.name) TO \(role);
                GRANT USAGE ON SCHEMA stripe, stripe_oltp TO \(role);
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA stripe, stripe_oltp TO \(role);
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA stripe_oltp TO \(role);
                """)
            defer {
                _ = try? owner.execute(script: "DROP OWNED BY \(role); DROP ROLE \(role);")
            }
            let url = db.url.replacingOccurrences(of: "://stripe@", with: "://\(role)@")
            #expect(url != db.url)
            let connection = try PGConnection(url: url)
            let before = try owner.query(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'stripe'::regnamespace").scalar(Int.self)
            let report = try Ingester(connection: connection).run(
                Ingester.inputs(directory: try DumpDirectory(path: IngestFixtures.sampleDirectory)), source: "sample")
            #expect(report.succeeded, "\(report.resources.compactMap(\.error))")
            #expect(try owner.query("SELECT count(*) FROM stripe.customers WHERE NOT is_placeholder").scalar(Int.self) == 11)
            #expect(try owner.query(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'stripe'::regnamespace").scalar(Int.self) == before)
        }
    }
}
