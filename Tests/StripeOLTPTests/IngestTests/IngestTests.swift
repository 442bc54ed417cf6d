import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("Ingest against PostgreSQL", .needsDatabase)
struct IngestTests {
    @Test("the sample dumps load completely, with placeholders for deleted customers, and re-ingest changes nothing")
    func sampleDumpsAndIdempotency() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let directory = try DumpDirectory(path: IngestFixtures.sampleDirectory)
            let first = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
            #expect(first.succeeded, "\(first.resources)")
            for summary in first.resources {
                #expect(summary.outcome == .loaded, "\(summary.resource)")
                // The sample holds every resource's objects but discounts, which are embedded.
                #expect(summary.read > 0 || summary.resource == .discounts,
                        "\(summary.resource)")
                #expect(summary.inserted == summary.read, "\(summary.resource)")
                #expect(summary.rejected == 0, "\(summary.resource)")
                // Only the deleted customer is left as a placeholder.
                #expect(summary.placeholders == (summary.resource == .customers ? 1 : 0), "\(summary.resource)")
            }
            // Every object read is a row (duplicates aside), and every customer reference resolves.
            for summary in first.resources {
                let rows = try connection.query(
                    "SELECT count(*) FROM \(summary.resource.table) WHERE NOT is_placeholder AND NOT is_embedded").scalar(Int.self)
                #expect(rows == summary.read, "\(summary.resource)")
            }
            let placeholders = try connection.query(
                "SELECT count(*) FROM stripe.customers WHERE is_placeholder AND NOT deleted").scalar(Int.self) ?? 0
            #expect(placeholders >= 1)
            let orphanSubs = try connection.query("""
                SELECT count(*) FROM stripe.subscriptions s LEFT JOIN stripe.customers c ON c.id = s.customer_id
                WHERE s.customer_id IS NOT NULL AND c.id IS NULL
                """).scalar(Int.self)
            #expect(orphanSubs == 0)
            // No placeholder is left for an object the dumps do contain.
            for resource in Resource.allCases {
                let leftover = try connection.query(
                    "SELECT count(*) FROM \(resource.table) WHERE is_placeholder AND id NOT LIKE 'cus_%'").scalar(Int.self)
                #expect(leftover == 0, "\(resource)")
            }
            let digest = try IngestFixtures.contentDigest(connection)

            let second = try Ingester(connection: connection).run(Ingester.inputs(directory: directory), source: "sample")
            #expect(second.succeeded)
            for summary in second.resources {
                #expect(summary.inserted == 0, "\(summary.resource)")
                #expect(summary.updated == 0, "\(summary.resource)")
                #expect(summary.unchanged == summary.read, "\(summary.resource)")
            }
            #expect(try IngestFixtures.contentDigest(connection) == digest)
            let runs = try connection.query("SELECT outcome FROM stripe_oltp.ingest_runs ORDER BY id").rows.map { $0["outcome"] }
            #expect(runs == ["succeeded", "succeeded"])
        }
    }

    @Test("a changed object updates its row and replaces its child rows")
    func updateReplacesChildren() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let v1 = try IngestFixtures.ndjson("invoices.json", [
                #"{"id":"in_1","object":"invoice","customer":"cus_1","total":300,"lines":{"data":[{"id":"il_a","amount":100},{"id":"il_b","amount":200}]}}"#,
                #"{"id":"in_2","object":"invoice","customer":"cus_1","total":50,"lines":{"data":[{"id":"il_c","amount":50}]}}"#,
            ])
            let first = try IngestFixtures.load(.invoices, v1, on: connection)
            #expect(first.inserted == 2)
            #expect(first.childRows == 3)
            let v2 = try IngestFixtures.ndjson("invoices.json", [
                #"{"id":"in_1","object":"invoice","customer":"cus_1","total":100,"lines":{"data":[{"id":"il_a","amount":100}]}}"#,
                #"{"id":"in_2","object":"invoice","customer":"cus_1","total":50,"lines":{"data":[{"id":"il_c","amount":50}]}}"#,
            ])
            let second = try IngestFixtures.load(.invoices, v2, on: connection)
            #expect(second.inserted == 0)
            #expect(second.updated == 1)
            #expect(second.unchanged == 1)
            #expect(try connection.query("SELECT total FROM stripe.invoices WHERE id = 'in_1'").scalar(Int.self) == 100)
            let lines = try connection.query(
                "SELECT id FROM stripe.invoice_line_items WHERE invoice_id = 'in_1' ORDER BY id").rows.map { $0["id"] }
            #expect(lines == ["il_a"])
            #expect(try connection.query(
                "SELECT count(*) FROM stripe.invoice_line_items WHERE invoice_id = 'in_2'").scalar(Int.self) == 1)
        }
    }

    @Test("a missing customer gets a placeholder that the real object replaces")
    func placeholderReplaced() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let subs = try IngestFixtures.ndjson("subscriptions.json", [
                #"{"id":"sub_1","object":"subscription","customer":"cus_gone","status":"active","items":{"data":[{"id":"si_1","price":{"id":"price_1","object":"price"}}]}}"#,
            ])
            let summary = try IngestFixtures.load(.subscriptions, subs, on: connection)
            #expect(summary.placeholdersCreated == 2)  // the customer and the price
            let placeholder = try #require(try connection.query(
                "SELECT is_placeholder, deleted, raw->>'object' AS object FROM stripe.customers WHERE id = 'cus_gone'").first)
            #expect(placeholder["is_placeholder"] == "t")
            #expect(placeholder["deleted"] == "f", "a placeholder is not in the dumps; nothing says Stripe deleted it")
            #expect(placeholder["object"] == "customer")

            let customers = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_gone","object":"customer","email":"back@example.com"}"#,
            ])
            let replaced = try IngestFixtures.load(.customers, customers, on: connection)
            #expect(replaced.inserted == 1)
            #expect(replaced.updated == 0)
            #expect(replaced.placeholdersReplaced == 1)
            #expect(replaced.placeholders == 0)
            let real = try #require(try connection.query(
                "SELECT is_placeholder, deleted, email FROM stripe.customers WHERE id = 'cus_gone'").first)
            #expect(real["is_placeholder"] == "f")
            #expect(real["deleted"] == "f")
            #expect(real["email"] == "back@example.com")
        }
    }

    @Test("a deletion marker marks the row deleted, and creates one for an unseen id")
    func deletionMarkers() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try IngestFixtures.load(.customers, try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_1","object":"customer","email":"one@example.com"}"#,
            ]), on: connection)
            let summary = try IngestFixtures.load(.customers, try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_1","object":"customer","deleted":true}"#,
                #"{"id":"cus_never","object":"customer","deleted":true}"#,
            ]), on: connection)
            #expect(summary.deleted == 2)
            let rows = try connection.query(
                "SELECT id, deleted, is_placeholder, email FROM stripe.customers ORDER BY id").rows
            #expect(rows.map { $0["id"] } == ["cus_1", "cus_never"])
            #expect(rows.allSatisfy { $0["deleted"] == "t" && $0["is_placeholder"] == "f" })
            #expect(rows[0]["email"] == "one@example.com")
        }
    }

    @Test("envelope, array, NDJSON and gzip give the same database")
    func allFileForms() throws {
        let objects = [
            #"{"id":"prod_1","object":"product","name":"One","metadata":{"k":"v"}}"#,
            #"{"id":"prod_2","object":"product","name":"Two \"quoted\"\nline","metadata":{}}"#,
        ]
        let dir = try TestEnvironment.temporaryDirectory()
        let forms: [(String, String)] = [
            ("envelope.json", #"{"object":"list","url":"/v1/products","has_more":false,"data":["# + objects.joined(separator: ",") + "]}"),
            ("array.json", "[\n" + objects.joined(separator: ",\n") + "\n]"),
            ("ndjson.json", objects.joined(separator: "\n") + "\n"),
        ]
        var paths: [String] = []
        for (name, text) in forms {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(dir.appendingPathComponent("ndjson.json").path)' > '\(dir.appendingPathComponent("gz.json.gz").path)'"]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        paths.append(dir.appendingPathComponent("gz.json.gz").path)

        var digests: [[String: String]] = []
        for path in paths {
            try TestDatabase.with { db in
                let connection = try db.connect()
                let summary = try IngestFixtures.load(.products, path, on: connection)
                #expect(summary.inserted == 2, "\(path)")
                #expect(try connection.query("SELECT name FROM stripe.products WHERE id = 'prod_2'").scalar(String.self) == "Two \"quoted\"\nline")
                digests.append(try IngestFixtures.contentDigest(connection))
            }
        }
        #expect(Set(digests.map { $0["stripe.products"] ?? "" }).count == 1)
    }

    @Test("the last copy of an object in a file wins")
    func duplicatesInOneFile() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let summary = try IngestFixtures.load(.invoices, try IngestFixtures.ndjson("invoices.json", [
                #"{"id":"in_1","object":"invoice","total":1,"lines":{"data":[{"id":"il_old","amount":1}]}}"#,
                #"{"id":"in_1","object":"invoice","total":2,"lines":{"data":[{"id":"il_new","amount":2}]}}"#,
            ]), on: connection)
            #expect(summary.inserted == 1)
            #expect(try connection.query("SELECT total FROM stripe.invoices").scalar(Int.self) == 2)
            #expect(try connection.query("SELECT id FROM stripe.invoice_line_items").rows.map { $0["id"] } == ["il_new"])
        }
    }

    @Test("malformed JSON rolls the resource back and names the file, offset and line")
    func malformedRollsBack() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let file = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_1","object":"customer"}"#,
                #"{"id":"cus_2","object":"customer","email": tru}"#,
            ])
            let report = try Ingester(connection: connection).run([(.customers, file)], source: file)
            let summary = report.resources[0]
            #expect(summary.outcome == .failed)
            let error = try #require(summary.error)
            #expect(error.contains(file))
            #expect(error.contains("line 2"))
            #expect(error.contains("at byte 78 (line 2)"), "\(error)")
            #expect(try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) == 0)
            #expect(try connection.query("SELECT outcome FROM stripe_oltp.ingest_runs").scalar(String.self) == "failed")
        }
    }

    @Test("objects that cannot be transformed are recorded as rejects; the rest load; the CLI exits non-zero")
    func rejectsRecorded() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let file = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_ok","object":"customer"}"#,
                #"{"object":"customer","email":"no-id@example.com"}"#,
                #"{"id":"cus_bad","object":"customer","balance":"a lot"}"#,
                #"{"id":"cus_nul","object":"customer","name":"nul\u0000byte"}"#,
                #"{"id":"cus_ok2","object":"customer"}"#,
            ])
            let result = try CLI.run(["ingest", "customers", "--file", file, "--database-url", db.url])
            #expect(result.status == 1)
            #expect(result.stderr.contains("3 object(s) rejected"))
            #expect(try connection.query("SELECT count(*) FROM stripe.customers").scalar(Int.self) == 2)
            let rejects = try connection.query(
                "SELECT object_id, reason, line, raw_text, file FROM stripe_oltp.ingest_rejects ORDER BY line").rows
            #expect(rejects.count == 3)
            #expect(rejects[0]["object_id"] == nil)
            #expect(rejects[0]["reason"]?.contains("'id'") == true)
            #expect(rejects[0]["line"] == "2")
            #expect(rejects[0]["raw_text"]?.contains("no-id@example.com") == true)
            #expect(rejects[1]["object_id"] == "cus_bad")
            #expect(rejects[1]["reason"]?.contains("balance") == true)
            #expect(rejects[2]["object_id"] == "cus_nul")
            #expect(rejects[2]["reason"]?.contains("NUL") == true)
            #expect(rejects.allSatisfy { $0["file"] == file })
            #expect(try connection.query("SELECT outcome FROM stripe_oltp.ingest_runs").scalar(String.self) == "partial")
        }
    }

    @Test("the CLI prints a summary table and a JSON summary on request")
    func cliSummary() throws {
        try TestDatabase.with { db in
            let table = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.contains("resource"))
            #expect(table.stdout.contains("customers"))
            #expect(table.stdout.contains("succeeded"))
            let json = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url, "--json"])
            #expect(json.status == 0)
            let decoded = try JSONDecoder().decode(IngestReport.self, from: Data(json.stdout.utf8))
            #expect(decoded.resources.map(\.resource) == LoadOrder.resources)
            #expect(decoded.resources.allSatisfy { $0.inserted == 0 && $0.updated == 0 })
        }
    }

    @Test("CLI argument mistakes get clear messages")
    func cliValidation() throws {
        // Usage mistakes exit with ArgumentParser's usage status (64), distinct from a failed run (1).
        let unknown = try CLI.run(["ingest", "refundz", "--file", "x.json"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown resource 'refundz'"))
        let noDir = try CLI.run(["ingest", "all"])
        #expect(noDir.status == 64)
        #expect(noDir.stderr.contains("needs --dir"))
        let both = try CLI.run(["ingest", "customers"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("exactly one of --file FILE or --dir FOLDER"))
        let missing = try CLI.run(["ingest", "customers", "--file", "/nonexistent/customers.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/customers.json"))
    }
}
