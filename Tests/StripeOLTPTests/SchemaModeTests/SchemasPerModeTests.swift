import Foundation
import Postgres
import StripeHTTP
import StripeOLTP
import StripeSchema
import TestSupport
import Testing
import WebhookServer

/// Schemas per mode against a real PostgreSQL: copies of the schema side by side in one
/// database, each migrated, ledgered, loaded and checked on its own, and the livemode guard.
@Suite("Schemas per mode", .needsDatabase)
struct SchemasPerModeTests {
    private static let migrations = { try! MigrationSet(directory: TestEnvironment.migrationsDirectory) }()

    /// A connection to `db` bound to schema `name`, migrated.
    private static func migrated(_ db: TestDatabase, _ name: String) throws -> PGConnection {
        let connection = try db.connect()
        try SchemaName(name).bind(connection)
        try Migrator(connection: connection, migrations: migrations, environment: .test).up()
        return connection
    }

    /// Rows of every resource table of schema `schema`, read on an unbound connection.
    private static func counts(_ db: TestDatabase, schema: String) throws -> [String: Int] {
        let plain = try db.connect()
        var counts: [String: Int] = [:]
        for resource in Resource.allCases {
            counts[resource.tableName] = try plain.query("SELECT count(*) FROM \(schema).\(resource.tableName)").scalar(Int.self) ?? -1
        }
        return counts
    }

    @Test("the same dump loads into stripe and stripe_test side by side: both check clean, each ledgered with the files' checksums")
    func sideBySide() throws {
        try TestDatabase.with { db in
            let directory = try DumpDirectory(path: IngestFixtures.sampleDirectory)
            let test = try Self.migrated(db, "stripe_test")
            let main = try db.connect()
            for connection in [main, test] {
                let report = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
                #expect(report.succeeded, "\(report.resources)")
                let check = try IntegrityChecker(connection: connection).check(directory: directory)
                #expect(check.passed, "\(check.rules.filter { !$0.passed })")
            }
            let mainCounts = try Self.counts(db, schema: "stripe")
            #expect(mainCounts["customers", default: 0] > 0)
            #expect(try Self.counts(db, schema: "stripe_test") == mainCounts)
            let plain = try db.connect()
            let files = Self.migrations.files.map { "\($0.version) \($0.checksum)" }
            for ledger in ["stripe_oltp", "stripe_test_oltp"] {
                let rows = try plain.query("SELECT version, checksum FROM \(ledger).schema_migrations ORDER BY version").rows
                #expect(rows.map { "\($0["version"] ?? "") \($0["checksum"] ?? "")" } == files, "\(ledger)")
                #expect(try plain.query("SELECT count(*) FROM \(ledger).ingest_runs").scalar(Int.self) == 1, "\(ledger)")
                #expect(try plain.query("SELECT livemode FROM \(ledger).schema_mode").scalar(Bool.self) == false, "\(ledger)")
                #expect(try plain.query("SELECT env FROM \(ledger).environment").scalar(String.self) == "TEST", "\(ledger)")
            }
            // The function a migration creates in the data schema reads its own schema's currencies.
            #expect(try plain.query("SELECT stripe_test.to_major(500, 'jpy')::text").scalar(String.self) == "500")
            #expect(try plain.query("SELECT event, schema FROM stripe_test_oltp.event_log WHERE event = 'ingest.completed'")
                .rows.first?["schema"] == "stripe_test")
            #expect(try Migrator(connection: test, migrations: Self.migrations, environment: .test).status().allSatisfy { $0.kind == .applied })
        }
    }

    @Test("a live-mode object into a test-mode schema is refused before anything is kept, naming file, line, object and both modes")
    func liveObjectIntoTestSchema() throws {
        try TestDatabase.with { db in
            let connection = try Self.migrated(db, "stripe_test")
            let first = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_1","object":"customer","livemode":false}"#,
            ])
            #expect(try Ingester(connection: connection).run([(.customers, first)], source: first).succeeded)
            let before = try Self.counts(db, schema: "stripe_test")
            let products = try IngestFixtures.ndjson("products.json", [#"{"id":"prod_1","object":"product","livemode":false}"#])
            let mixed = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_2","object":"customer","livemode":false}"#,
                #"{"id":"cus_live","object":"customer","livemode":true}"#,
                #"{"id":"cus_3","object":"customer","livemode":false}"#,
            ])
            // Products load first (dependency order) and are rolled back with the rest.
            let error = try #require(throws: LivemodeMismatchError.self) {
                try Ingester(connection: connection, batchSize: 1).run([(.customers, mixed), (.products, products)], source: mixed)
            }
            #expect(error.schema == "stripe_test" && error.livemode && !error.schemaMode.livemode)
            #expect(error.description.contains("\(mixed) line 2: object cus_live"), "\(error)")
            #expect(error.description.contains("live-mode data") && error.description.contains("holds test-mode data"), "\(error)")
            #expect(try Self.counts(db, schema: "stripe_test") == before)
            let plain = try db.connect()
            let run = try #require(try plain.query("SELECT outcome, error FROM stripe_test_oltp.ingest_runs ORDER BY id DESC LIMIT 1").rows.first)
            #expect(run["outcome"] == "failed" && run["error"]?.contains("cus_live") == true)
            // The default schema of the same database knows nothing of either load.
            #expect(try plain.query("SELECT count(*) FROM stripe_oltp.ingest_runs").scalar(Int.self) == 0)
        }
    }

    @Test("the first load records the mode; a dump mixing modes in one run is refused at its first object of the other mode")
    func firstLoadSetsMode() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            #expect(try SchemaMode.read(connection) == nil)
            let mixed = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_live","object":"customer","livemode":true}"#,
                #"{"id":"cus_test","object":"customer","livemode":false}"#,
            ])
            let error = try #require(throws: LivemodeMismatchError.self) {
                try Ingester(connection: connection).run([(.customers, mixed)], source: mixed)
            }
            #expect(error.description.contains("line 2: object cus_test"), "\(error)")
            #expect(try SchemaMode.read(connection) == nil, "a refused run records no mode")
            let live = try IngestFixtures.ndjson("customers.json", [#"{"id":"cus_live","object":"customer","livemode":true}"#])
            #expect(try Ingester(connection: connection).run([(.customers, live)], source: live).succeeded)
            #expect(try SchemaMode.read(connection)?.livemode == true)
        }
    }

    @Test("an event of the other mode is quarantined with the reason, and nothing of it is written")
    func eventOfOtherMode() throws {
        try TestDatabase.with { db in
            let connection = try Self.migrated(db, "stripe_test")
            try SchemaMode.record(SchemaMode(livemode: false, recordedBy: "test"), connection: connection)
            let event: [String: Any] = [
                "id": "evt_live", "object": "event", "api_version": "2025-08-27.basil", "created": EventFixture.t0, "livemode": true,
                "type": "customer.created",
                "data": ["object": EventFixture.customer("cus_live", email: "l@example.com", extra: ["livemode": true])],
            ]
            let bytes = Array(try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]))
            let outcome = try EventApplier().apply(eventJSON: bytes, on: connection)
            guard case .quarantined(let reason) = outcome else {
                Issue.record("expected quarantine, got \(outcome)")
                return
            }
            #expect(reason.contains("evt_live") && reason.contains("livemode"), "\(reason)")
            let plain = try db.connect()
            #expect(try plain.query("SELECT count(*) FROM stripe_test.events").scalar(Int.self) == 0)
            #expect(try plain.query("SELECT count(*) FROM stripe_test.customers").scalar(Int.self) == 0)
            #expect(try plain.query("SELECT event_id FROM stripe_test_oltp.event_quarantine").scalar(String.self) == "evt_live")
            // The same event of the schema's mode applies.
            let testEvent = EventFixture.event("evt_test", "customer.created", created: EventFixture.t0,
                                               object: EventFixture.customer("cus_test", email: "t@example.com"))
            #expect(try EventApplier().apply(eventJSON: testEvent, on: connection) == .applied)
        }
    }

    @Test("a test-mode key is refused for a live-mode schema before any request")
    func keyOfOtherMode() throws {
        try TestDatabase.with { db in
            let connection = try Self.migrated(db, "stripe_live")
            try SchemaMode.record(SchemaMode(livemode: true, recordedBy: "test"), connection: connection)
            #expect { try SchemaMode.verifyKey(isLiveKey: false, connection: connection) } throws: { error in
                "\(error)".contains("STRIPE_SECRET_KEY (a test-mode key)") && "\(error)".contains("schema stripe_live holds live-mode data")
            }
            try SchemaMode.verifyKey(isLiveKey: true, connection: connection)
        }
    }

    @Test("ingest runs and event followers of different schemas do not wait for each other; two in one schema still do")
    func locksPerSchema() throws {
        try TestDatabase.with { db in
            let holder = try db.connect()
            try holder.query("SELECT pg_advisory_lock($1)", [Ingester.lockKey])
            let test = try Self.migrated(db, "stripe_test")
            try test.query("SET lock_timeout = '20s'")  // a shared lock would fail the run instead of hanging the test
            let file = try IngestFixtures.ndjson("customers.json", [#"{"id":"cus_1","object":"customer","livemode":false}"#])
            #expect(try Ingester(connection: test).run([(.customers, file)], source: file).succeeded)

            let client = try StripeClient(configuration: try StripeClientConfiguration(apiKey: "sk_test_locks", baseURL: "http://127.0.0.1:9"))
            let mainFollower = EventFollower(connection: try db.connect(), client: client, applier: EventApplier())
            try mainFollower.acquireLease(wait: false)
            try EventFollower(connection: test, client: client, applier: EventApplier()).acquireLease(wait: false)
            #expect(throws: EventFollowError.leaseHeld) {
                try EventFollower(connection: try db.connect(), client: client, applier: EventApplier()).acquireLease(wait: false)
            }
        }
    }

    @Test("serve's sink applies events into its schema only, and quarantines one of the other mode")
    func webhookSinkPerSchema() throws {
        try TestDatabase.with { db in
            _ = try Self.migrated(db, "stripe_test")
            let sink = try DatabaseEventSink(url: db.url, schema: try SchemaName("stripe_test"))
            let event = EventFixture.event("evt_1", "customer.created", created: EventFixture.t0,
                                           object: EventFixture.customer("cus_1", email: "a@example.com"))
            #expect(try sink.apply(verifiedEvent: event).outcome == .applied)
            let live = try JSONSerialization.jsonObject(with: Data(EventFixture.event(
                "evt_2", "customer.created", created: EventFixture.t0, object: EventFixture.customer("cus_2", email: "b@example.com"))))
            var liveEvent = try #require(live as? [String: Any])
            liveEvent["livemode"] = true
            #expect(try sink.apply(verifiedEvent: Array(try JSONSerialization.data(withJSONObject: liveEvent))).outcome == .quarantined)
            let plain = try db.connect()
            #expect(try plain.query("SELECT string_agg(id, ',') FROM stripe_test.customers").scalar(String.self) == "cus_1")
            #expect(try plain.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) == 0)
            #expect(try plain.query("SELECT livemode FROM stripe_test_oltp.schema_mode").scalar(Bool.self) == false)
        }
    }
}
