import Foundation
import StripeJSON
@testable import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("Fetch parts without a server")
struct FetchPartsTests {
    @Test("--since reads ages, dates, UTC times and unix seconds", arguments: [
        ("7d", 1_000_000_000 - 7 * 86_400), ("12h", 1_000_000_000 - 12 * 3600), ("30m", 1_000_000_000 - 1800),
        ("2026-01-31", 1_769_817_600), ("2026-01-31T08:00:00Z", 1_769_846_400), ("1769817600", 1_769_817_600),
    ])
    func since(text: String, expected: Int) throws {
        #expect(try FetchSince.parse(text, now: 1_000_000_000) == expected)
    }

    @Test("--since rejects what it cannot read, saying what it accepts")
    func sinceRejects() {
        #expect(throws: LoaderError.self) { try FetchSince.parse("last tuesday", now: 0) }
        do {
            _ = try FetchSince.parse("yesterday", now: 0)
        } catch {
            #expect("\(error)".contains("7d"))
        }
    }

    @Test("objects resolve to resources by their object name")
    func objectNames() {
        #expect(Resource(objectName: "payment_intent") == .paymentIntents)
        #expect(Resource(objectName: "customer") == .customers)
        #expect(Resource(objectName: "invoiceitem") == .invoiceItems)
        #expect(Resource(objectName: "plan") == .plans)
        #expect(Resource(objectName: "transfer") == nil)
    }

    @Test("a manifest survives a write and a read")
    func manifestRoundTrip() throws {
        let directory = try TestEnvironment.temporaryDirectory().path
        var entry = FetchManifestResource(resource: .customers, createdSince: 100, cursor: 90)
        entry.status = .complete
        entry.objects = 3
        var manifest = FetchManifest(apiVersion: "2025-03-31.basil", mode: "incremental", fileFormat: .ndjson, startedAt: 1000,
                                     resources: [entry], events: FetchManifestEvents(cursorID: "evt_1", cursorCreated: 999, since: 50))
        manifest.complete = true
        try manifest.write(directory: directory)
        #expect(try FetchManifest.read(directory: directory) == manifest)
        let text = try String(contentsOfFile: directory + "/manifest.json", encoding: .utf8)
        #expect(text.contains("\"api_version\"") && text.contains("\"created_since\""))
        try "{\"format\":\"other\"}".write(toFile: directory + "/manifest.json", atomically: true, encoding: .utf8)
        #expect(throws: LoaderError.self) { try FetchManifest.read(directory: directory) }
    }
}

@Suite("Events as changes")
struct FetchEventChangeTests {
    private func event(_ type: String, _ object: String) throws -> JSONValue {
        try JSONParser.parse("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"\(type)\",\"data\":{\"object\":\(object)}}")
    }

    @Test("a deleted customer becomes a deletion marker; a canceled subscription stays an update")
    func deletions() throws {
        let deleted = try #require(Fetcher.change(in: try event("customer.deleted", #"{"id":"cus_1","object":"customer","email":"a@b.c"}"#)))
        #expect(deleted.resource == .customers && deleted.snapshot == nil)
        #expect(deleted.deletionMarker.serialized() == #"{"id":"cus_1","object":"customer","deleted":true}"#)
        let canceled = try #require(Fetcher.change(
            in: try event("customer.subscription.deleted", #"{"id":"sub_1","object":"subscription","status":"canceled"}"#)))
        #expect(canceled.resource == .subscriptions && canceled.snapshot?["status"]?.stringValue == "canceled")
    }

    @Test("events about other objects are ignored")
    func others() throws {
        #expect(Fetcher.change(in: try event("transfer.created", #"{"id":"tr_1","object":"transfer"}"#)) == nil)
        #expect(Fetcher.change(in: try event("setup_attempt.created", #"{"id":"setatt_1","object":"setup_attempt"}"#)) == nil)
    }

    @Test("a discount event is a change of its discount; a deleted_discount without an id is none")
    func discountEvents() throws {
        let created = try #require(Fetcher.change(in: try event("customer.discount.created", #"{"id":"di_1","object":"discount"}"#)))
        #expect(created.resource == .discounts && created.snapshot != nil)
        let deleted = try #require(Fetcher.change(in: try event("customer.discount.deleted", #"{"id":"di_1","object":"discount"}"#)))
        #expect(deleted.resource == .discounts && deleted.snapshot == nil)
        #expect(Fetcher.change(in: try event("customer.discount.deleted", #"{"id":"","object":"discount","deleted":true}"#)) == nil)
        let item = try #require(Fetcher.change(in: try event("invoiceitem.deleted", #"{"id":"ii_1","object":"invoiceitem"}"#)))
        #expect(item.resource == .invoiceItems && item.snapshot == nil)
    }
}
