import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// A first load streams its batches through one COPY per run of batches; what cannot share the
/// stream is written when it ends, and a refused object sends the file back through the
/// batch-by-batch load. Each test loads the same dump twice, once as a first load (the stream)
/// and once into tables that are not empty (batch by batch), and compares the two databases.
@Suite("First load: batches streamed through one COPY", .needsDatabase)
struct IngestFirstLoadStreamTests {
    /// What a load left: every table's content, the rejects and the per-resource counts.
    private struct Outcome: Equatable {
        var digest: [String: String]
        var rejects: [String]
        var counts: [String]
        var embeddedCustomers: Int
    }

    /// Loads `file` as `resource` in batches of `batchSize`; with `alongside`, a product row is
    /// there first, so the tables are not empty and the batch-by-batch load runs.
    private static func load(_ resource: Resource, _ file: String, batchSize: Int, alongside: Bool) throws -> Outcome {
        try TestDatabase.with { db in
            let connection = try db.connect()
            if alongside {
                try connection.query("INSERT INTO stripe.products (id, raw) VALUES ('prod_alongside', '{}')")
            }
            let report = try Ingester(connection: connection, batchSize: batchSize).run([(resource, file)], source: file)
            #expect(report.fastPathSkipped == nil)
            try connection.query("DELETE FROM stripe.products WHERE id = 'prod_alongside'")
            let rejects = try connection.query(
                "SELECT line, object_id, reason FROM stripe_oltp.ingest_rejects ORDER BY line").rows.map {
                    "\($0["line"] ?? "") \($0["object_id"] ?? "-") \($0["reason"] ?? "")"
                }
            let counts = report.resources.map { summary in
                "\(summary.resource.rawValue) \(summary.outcome) read \(summary.read) inserted \(summary.inserted) "
                    + "updated \(summary.updated) deleted \(summary.deleted) children \(summary.childRows) "
                    + "placeholders \(summary.placeholdersCreated) rejected \(summary.rejected) embedded \(summary.embedded)"
            }
            let embedded = try connection.query("SELECT count(*) FROM stripe.customers WHERE is_embedded").scalar(Int.self) ?? -1
            return Outcome(digest: try IngestFixtures.contentDigest(connection), rejects: rejects, counts: counts,
                           embeddedCustomers: embedded)
        }
    }

    /// `count` subscriptions with three items each, every fifth with its customer expanded, the
    /// others naming a customer no dump holds.
    private static func subscriptions(_ count: Int) -> [String] {
        (1...count).map { index in
            let customer = index % 5 == 0
                ? #"{"id":"cus_e\#(index)","object":"customer","email":"e\#(index)@example.com"}"#
                : #""cus_\#(index % 7)""#
            let items = (1...3).map { item in
                #"{"id":"si_\#(index)_\#(item)","object":"subscription_item","quantity":\#(item),"price":{"id":"price_\#(item)","object":"price"}}"#
            }.joined(separator: ",")
            return #"{"id":"sub_\#(index)","object":"subscription","status":"active","customer":\#(customer),"#
                + #""items":{"object":"list","data":[\#(items)],"has_more":false}}"#
        }
    }

    @Test("segments ending mid-file, an id seen twice, a deletion marker and a reject: the streamed first load equals the batch-by-batch load")
    func streamedEqualsBatched() throws {
        var lines = Self.subscriptions(120)
        lines[40] = #"{"object":"subscription","status":"active"}"#  // no id: rejected by the transformer
        lines.insert(#"{"id":"sub_3","object":"subscription","status":"canceled","customer":"cus_3","items":{"object":"list","data":[],"has_more":false}}"#, at: 70)
        lines.insert(#"{"id":"sub_9","object":"subscription","deleted":true}"#, at: 90)
        let file = try IngestFixtures.ndjson("subscriptions.json", lines)
        let streamed = try Self.load(.subscriptions, file, batchSize: 2, alongside: false)
        let batched = try Self.load(.subscriptions, file, batchSize: 2, alongside: true)
        #expect(streamed == batched)
        // 360 item rows against a segment limit of 128 (64 batches of 2): the stream ended and
        // reopened mid-file, and every row still arrived.
        #expect(streamed.counts.first?.contains("read 122 inserted 119") == true, "\(streamed.counts)")
        #expect(streamed.counts.first?.contains("rejected 1") == true, "\(streamed.counts)")
        #expect(streamed.rejects.count == 1 && streamed.rejects.first?.hasPrefix("41 -") == true, "\(streamed.rejects)")
        #expect(streamed.embeddedCustomers == 24)
    }

    @Test("an expanded object the server refuses, inside an object it refuses too: both are rejected, the others load, in the stream and batch by batch")
    func refusedExpandedObject() throws {
        var lines = Self.subscriptions(30)
        lines[7] = #"{"id":"sub_8","object":"subscription","status":"active","#
            + #""customer":{"id":"cus_E","object":"customer","metadata":{"n":"1"},"extra":1e1000000}}"#
        let file = try IngestFixtures.ndjson("subscriptions.json", lines)
        for batchSize in [2, 2000] {
            let streamed = try Self.load(.subscriptions, file, batchSize: batchSize, alongside: false)
            let batched = try Self.load(.subscriptions, file, batchSize: batchSize, alongside: true)
            #expect(streamed == batched)
            #expect(streamed.counts.first?.contains("loaded read 30 inserted 29") == true, "\(streamed.counts)")
            #expect(streamed.rejects.count == 2, "\(streamed.rejects)")
            #expect(streamed.rejects.contains { $0.hasPrefix("8 sub_8 ") && $0.contains("numeric") }, "\(streamed.rejects)")
            #expect(streamed.rejects.contains { $0.hasPrefix("8 cus_E the customer cus_E expanded inside the object on this line") },
                    "\(streamed.rejects)")
            #expect(streamed.embeddedCustomers == 6)
        }
    }

    @Test("a refused object after the stream already wrote embedded objects: the file loads again batch by batch, nothing is lost")
    func refusedObjectMidStream() throws {
        var lines = Self.subscriptions(60)
        // Refused by the server; the invoice it names is named by no other object, so no
        // placeholder may be made for it.
        lines[50] = #"{"id":"sub_51","object":"subscription","status":"active","latest_invoice":"in_only_refused","extra":1e1000000}"#
        let file = try IngestFixtures.ndjson("subscriptions.json", lines)
        let streamed = try Self.load(.subscriptions, file, batchSize: 2, alongside: false)
        let batched = try Self.load(.subscriptions, file, batchSize: 2, alongside: true)
        #expect(streamed == batched)
        #expect(streamed.rejects.count == 1 && streamed.rejects.first?.hasPrefix("51 sub_51") == true, "\(streamed.rejects)")
        // Every fifth subscription expands its customer: 12, the 10 before the refused object
        // included, which an earlier stream segment had already staged.
        #expect(streamed.counts.first?.contains("inserted 59") == true, "\(streamed.counts)")
        #expect(streamed.embeddedCustomers == 12)
        #expect(streamed.counts.first?.contains("placeholders 0 ") == false, "the missing customers get placeholders: \(streamed.counts)")
    }
}
