import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Credit notes and checkout sessions through fetch: children beyond the embedded page, and line
/// items Stripe includes only on request.
@Suite("Fetch: credit note lines and checkout session line items")
struct FetchSalesTests {
    static let paidInvoice = "in_1LFBNC9BfFgWclysYwZ2ATlN"  // 2800 usd in fixtures/sample
    static let oneTimePrice = "price_1Ekkcu9BfFgWclysSOthBn94"  // 4900 usd, one-time

    /// A credit note of `count` 100-cent custom lines on the sample's paid invoice.
    static func creditNote(_ running: RunningEmulator, lines count: Int) throws -> String {
        let lines: [FormValue] = (0..<count).map { index in
            .object([("type", "custom_line_item"), ("description", .string("Credit \(index)")), ("unit_amount", "100"),
                     ("quantity", "1")])
        }
        let note = try stripe(running, .post, "/v1/credit_notes", [("invoice", .string(paidInvoice)), ("lines", .array(lines))])
        return try #require(note["id"]?.stringValue, "\(note)")
    }

    /// A payment-mode checkout session of `count` line items of the sample's one-time price.
    static func checkoutSession(_ running: RunningEmulator, items count: Int) throws -> String {
        let items: [FormValue] = (0..<count).map { _ in .object([("price", .string(oneTimePrice)), ("quantity", "1")]) }
        let session = try stripe(running, .post, "/v1/checkout/sessions", [
            ("mode", "payment"), ("customer", "cus_7qfUrES6M9pNaE"), ("line_items", .array(items)),
            ("success_url", "https://example.com/ok"),
        ])
        return try #require(session["id"]?.stringValue, "\(session)")
    }

    @Test("a credit note's 12 lines are all fetched: the embedded ten say has_more, the rest are paged")
    func creditNoteLinesCompleted() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let id = try Self.creditNote(running, lines: 12)
            let listed = try stripe(running, .get, "/v1/credit_notes/\(id)")
            #expect(listed["lines"]?["has_more"]?.boolValue == true)
            #expect(listed["lines"]?["data"]?.arrayValue?.count == 10)
            let directory = try TestEnvironment.temporaryDirectory().path
            #expect(try fetch(running, into: directory, pageSize: 5).succeeded)
            let fetched = try #require(try dumpObjects(directory, .creditNotes).first { $0["id"]?.stringValue == id })
            let lines = fetched["lines"]?["data"]?.arrayValue ?? []
            #expect(lines.compactMap { $0["description"]?.stringValue } == (0..<12).map { "Credit \($0)" })
            #expect(fetched["lines"]?["has_more"]?.boolValue == false)
            #expect(running.emulator.requestLog.filter { $0.path == "/v1/credit_notes/\(id)/lines" }.count == 3)
        }
    }

    @Test("a checkout session's line items, absent from the session, are paged from its line_items list and embedded")
    func checkoutLineItemsFetched() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let id = try Self.checkoutSession(running, items: 7)
            let plain = try stripe(running, .get, "/v1/checkout/sessions/\(id)")
            #expect(plain["line_items"] == nil)
            let directory = try TestEnvironment.temporaryDirectory().path
            #expect(try fetch(running, into: directory, pageSize: 5).succeeded)
            let fetched = try #require(try dumpObjects(directory, .checkoutSessions).first)
            let items = fetched["line_items"]?["data"]?.arrayValue ?? []
            #expect(items.count == 7)
            #expect(items.allSatisfy { $0["price"]?["id"]?.stringValue == Self.oneTimePrice })
            #expect(fetched["line_items"]?["has_more"]?.boolValue == false)
            #expect(running.emulator.requestLog.filter { $0.path == "/v1/checkout/sessions/\(id)/line_items" }.count == 2)
        }
    }

    @Test("a session known only from its checkout.session.completed event is written with its line items")
    func completedSessionThroughEvents() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let id = try Self.checkoutSession(running, items: 2)
            let completed = try stripe(running, .post, "/v1/test_helpers/checkout/sessions/\(id)/complete",
                                       [("payment_method", "pm_card_visa")])
            #expect(completed["status"]?.stringValue == "complete")
            // Cursors beyond every object: the lists return nothing, only the events tell of the session.
            let now = Int(Date().timeIntervalSince1970)
            var objects: [Resource: Int] = [:]
            for resource in Resource.allCases { objects[resource] = now + 7200 }
            let cursors = FetchCursors(objects: objects, eventCreated: now - 60, eventID: "evt_recent")
            let directory = try TestEnvironment.temporaryDirectory().path
            #expect(try fetch(running, into: directory, cursors: cursors).succeeded)
            let session = try #require(try dumpObjects(directory, .checkoutSessions).first { $0["id"]?.stringValue == id })
            #expect(session["status"]?.stringValue == "complete")
            #expect(session["payment_intent"]?.stringValue?.hasPrefix("pi_") == true)
            #expect(session["line_items"]?["data"]?.arrayValue?.count == 2)
        }
    }
}
