import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Objects that pass the parser and the transformer but that PostgreSQL refuses, and objects
/// whose reject record itself could not be stored: each is rejected alone, the others load.
@Suite("Ingest: objects the server refuses are rejected alone", .needsDatabase)
struct IngestRefusedObjectTests {
    private static func rejects(_ connection: PGConnection) throws -> [PGRow] {
        try connection.query(
            "SELECT object_id, reason, line, byte_offset, raw_text, file FROM stripe_oltp.ingest_rejects ORDER BY id").rows
    }

    @Test("a number jsonb cannot hold (1e1000000) in a field without a column is rejected with file, line, id and the server's reason")
    func numberJSONBCannotHold() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let lines = (1...5).map { index in
                index == 3 ? #"{"id":"cus_3","object":"customer","extra":1e1000000}"# : #"{"id":"cus_\#(index)","object":"customer"}"#
            }
            let file = try IngestFixtures.ndjson("customers.json", lines)
            // A batch of 2 puts the bad object in the middle batch; the default batch holds all five.
            for batchSize in [2, 2000] {
                try connection.execute(script: "TRUNCATE stripe.customers CASCADE; TRUNCATE stripe_oltp.ingest_rejects;")
                let summary = try Ingester(connection: connection, batchSize: batchSize).run([(.customers, file)], source: file).resources[0]
                #expect(summary.outcome == .loaded, "\(summary.error ?? "")")
                #expect(summary.inserted == 4)
                #expect(summary.rejected == 1)
                let ids = try connection.query("SELECT id FROM stripe.customers ORDER BY id").rows.compactMap { $0["id"] }
                #expect(ids == ["cus_1", "cus_2", "cus_4", "cus_5"])
                let rejects = try Self.rejects(connection)
                #expect(rejects.count == 1)
                #expect(rejects.first?["object_id"] == "cus_3")
                #expect(rejects.first?["line"] == "3")
                #expect(rejects.first?["file"] == file)
                #expect(rejects.first?["reason"]?.contains("value overflows numeric format") == true, "\(rejects)")
                #expect(rejects.first?["raw_text"] == lines[2])
            }
        }
    }

    @Test("an integer beyond integer's range (card.exp_month 99999999999) rejects that payment method alone")
    func integerOutOfRange() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let file = try IngestFixtures.ndjson("payment_methods.json", [
                #"{"id":"pm_1","object":"payment_method","type":"card","card":{"exp_month":12,"exp_year":2030}}"#,
                #"{"id":"pm_2","object":"payment_method","type":"card","card":{"exp_month":99999999999,"exp_year":2030}}"#,
                #"{"id":"pm_3","object":"payment_method","type":"card","card":{"exp_month":1,"exp_year":2031}}"#,
            ])
            let summary = try IngestFixtures.load(.paymentMethods, file, on: connection)
            #expect(summary.outcome == .loaded, "\(summary.error ?? "")")
            #expect(summary.inserted == 2)
            #expect(summary.rejected == 1)
            let rejects = try Self.rejects(connection)
            #expect(rejects.map { $0["object_id"] } == ["pm_2"])
            #expect(rejects.first?["line"] == "2")
            #expect(rejects.first?["reason"]?.contains("exp_month") == true, "\(rejects)")
        }
    }

    @Test("two subscriptions claiming one subscription item id: the first loads, the second is rejected naming the item")
    func duplicateChildID() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            func subscription(_ id: String, item: String) -> String {
                #"{"id":"\#(id)","object":"subscription","customer":"cus_x","status":"active","items":{"data":[{"id":"\#(item)","price":{"id":"price_1","object":"price"}}]}}"#
            }
            let file = try IngestFixtures.ndjson("subscriptions.json", [
                subscription("sub_1", item: "si_shared"), subscription("sub_2", item: "si_shared"), subscription("sub_3", item: "si_3"),
            ])
            let summary = try IngestFixtures.load(.subscriptions, file, on: connection)
            #expect(summary.outcome == .loaded, "\(summary.error ?? "")")
            #expect(summary.inserted == 2)
            #expect(summary.rejected == 1)
            let rejects = try Self.rejects(connection)
            #expect(rejects.map { $0["object_id"] } == ["sub_2"])
            #expect(rejects.first?["reason"]?.contains("si_shared") == true, "\(rejects)")
            let items = try connection.query("SELECT id, subscription_id FROM stripe.subscription_items ORDER BY id").rows
            #expect(items.map { [$0["id"], $0["subscription_id"]] } == [["si_3", "sub_3"], ["si_shared", "sub_1"]])
        }
    }

    @Test("a changed object the server refuses is rejected alone; its stored row stays, other changes apply")
    func changedObjectRefused() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let folder = try TestEnvironment.temporaryDirectory()
            let first = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_1","object":"customer","email":"one@example.com"}"#,
                #"{"id":"cus_2","object":"customer","email":"two@example.com"}"#,
                #"{"id":"cus_3","object":"customer","email":"three@example.com"}"#,
            ], in: folder)
            #expect(try IngestFixtures.load(.customers, first, on: connection).inserted == 3)
            let second = try IngestFixtures.ndjson("customers.ndjson", [
                #"{"id":"cus_1","object":"customer","email":"one@example.com"}"#,
                #"{"id":"cus_2","object":"customer","email":"two@changed.example.com","extra":1e1000000}"#,
                #"{"id":"cus_3","object":"customer","email":"three@changed.example.com"}"#,
            ], in: folder)
            let summary = try IngestFixtures.load(.customers, second, on: connection)
            #expect(summary.outcome == .loaded, "\(summary.error ?? "")")
            #expect(summary.unchanged == 1)
            #expect(summary.updated == 1)
            #expect(summary.rejected == 1)
            #expect(try Self.rejects(connection).map { $0["object_id"] } == ["cus_2"])
            let emails = try connection.query("SELECT email FROM stripe.customers ORDER BY id").rows.map { $0["email"] }
            #expect(emails == ["one@example.com", "two@example.com", "three@changed.example.com"])
        }
    }

    @Test("two changed subscriptions claiming one item id: the set-based update is split, the second is rejected, its stored row stays")
    func changedObjectsClaimOneChild() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            func subscription(_ id: String, status: String, items: [String]) -> String {
                let list = items.map { #"{"id":"\#($0)","price":{"id":"price_1","object":"price"}}"# }.joined(separator: ",")
                return #"{"id":"\#(id)","object":"subscription","customer":"cus_x","status":"\#(status)","items":{"data":[\#(list)]}}"#
            }
            let folder = try TestEnvironment.temporaryDirectory()
            let first = try IngestFixtures.ndjson("subscriptions.json", [
                subscription("sub_1", status: "active", items: ["si_1"]), subscription("sub_2", status: "active", items: ["si_2"]),
                subscription("sub_3", status: "active", items: ["si_3"]),
            ], in: folder)
            #expect(try IngestFixtures.load(.subscriptions, first, on: connection).inserted == 3)
            let second = try IngestFixtures.ndjson("subscriptions.ndjson", [
                subscription("sub_1", status: "past_due", items: ["si_X"]), subscription("sub_2", status: "canceled", items: ["si_X"]),
                subscription("sub_3", status: "past_due", items: ["si_3"]),
            ], in: folder)
            let summary = try IngestFixtures.load(.subscriptions, second, on: connection)
            #expect(summary.outcome == .loaded, "\(summary.error ?? "")")
            #expect(summary.updated == 2)
            #expect(summary.rejected == 1)
            #expect(summary.unchanged == 0)
            let rejects = try Self.rejects(connection)
            #expect(rejects.map { $0["object_id"] } == ["sub_2"])
            #expect(rejects.first?["line"] == "2")
            #expect(rejects.first?["reason"]?.contains("si_X") == true, "\(rejects)")
            let statuses = try connection.query("SELECT status FROM stripe.subscriptions ORDER BY id").rows.map { $0["status"] }
            #expect(statuses == ["past_due", "active", "past_due"])
            let items = try connection.query("SELECT id, subscription_id FROM stripe.subscription_items ORDER BY id").rows
            #expect(items.map { [$0["id"], $0["subscription_id"]] } == [["si_2", "sub_2"], ["si_3", "sub_3"], ["si_X", "sub_1"]])
        }
    }

    @Test("a NUL in a metadata key or in an id is rejected (escaped as \\u0000 in the record), the others load, and check reports them")
    func nulInKeyAndID() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let folder = try TestEnvironment.temporaryDirectory()
            for resource in Resource.allCases where resource != .customers {
                try Data().write(to: folder.appendingPathComponent(resource.fileName))
            }
            let file = try IngestFixtures.ndjson("customers.json", [
                #"{"id":"cus_ok","object":"customer"}"#,
                #"{"id":"cus_key","object":"customer","metadata":{"a\u0000b":"v"}}"#,
                #"{"id":"cus_\u0000x","object":"customer"}"#,
                #"{"id":"cus_ok2","object":"customer"}"#,
            ], in: folder)
            let summary = try IngestFixtures.load(.customers, file, on: connection)
            #expect(summary.outcome == .loaded, "\(summary.error ?? "")")
            #expect(summary.inserted == 2)
            #expect(summary.rejected == 2)
            let rejects = try Self.rejects(connection)
            #expect(rejects.map { $0["object_id"] } == ["cus_key", #"cus_\u0000x"#])
            #expect(rejects.first?["reason"]?.contains(#"metadata.a\u0000b"#) == true, "\(rejects)")

            let report = try IntegrityChecker(connection: connection).check(directory: try DumpDirectory(path: folder.path))
            let customers = try #require(report.resources.first { $0.resource == .customers })
            #expect(Set(customers.missing.first) == ["cus_key", #"cus_\u0000x"#])
            #expect(!report.passed)
        }
    }
}
