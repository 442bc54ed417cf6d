import Foundation
import PureTestSupport
import Testing

extension GenerateTests {
    /// Credit notes and checkout sessions in generated dumps: proportions and references.
    @Suite("Synthetic dumps: credit notes and checkout sessions")
    struct Sales {
        private typealias Dump = GeneratedDumpSet

        @Test("about 2% of paid invoices get a credit note for part of one of their lines, within the invoice")
        func creditNotes() throws {
            let dump = try Dump.generate(customers: 600, seed: 21)
            defer { dump.remove() }
            let invoices = Dictionary(uniqueKeysWithValues: dump[.invoices].map { ($0["id"] as! String, $0) })
            let paid = dump[.invoices].filter { $0["status"] as? String == "paid" && (Dump.int($0["total"]) ?? 0) > 0 }.count
            let notes = dump[.creditNotes]
            #expect(notes.count >= paid / 200 && notes.count <= paid / 20, "\(notes.count) credit notes for \(paid) paid invoices")
            for note in notes {
                let invoice = try #require(invoices[note["invoice"] as? String ?? ""], "credit note's invoice")
                #expect(invoice["status"] as? String == "paid")
                #expect(Dump.reference(note["customer"]) == Dump.reference(invoice["customer"]))
                let lines = Dump.value(note, "lines", "data") as? [[String: Any]] ?? []
                let invoiceLines = Dump.value(invoice, "lines", "data") as? [[String: Any]] ?? []
                #expect(lines.count == 1)
                #expect(lines.allSatisfy { line in invoiceLines.contains { $0["id"] as? String == line["invoice_line_item"] as? String } })
                let total = Dump.int(note["total"]) ?? 0
                #expect(total == lines.compactMap { Dump.int($0["amount"]) }.reduce(0, +))
                #expect(total > 0 && total <= (Dump.int(invoice["total"]) ?? 0))
            }
        }

        @Test("about one live customer in five has a checkout session for their subscription, embedding full prices")
        func checkoutSessions() throws {
            let dump = try Dump.generate(customers: 600, seed: 21)
            defer { dump.remove() }
            let customers = dump.ids(.customers), prices = dump.ids(.prices), invoices = dump.ids(.invoices)
            let subscriptions = Dictionary(uniqueKeysWithValues: dump[.subscriptions].map { ($0["id"] as! String, $0) })
            let sessions = dump[.checkoutSessions]
            #expect(sessions.count >= customers.count / 8 && sessions.count <= customers.count * 3 / 10,
                    "\(sessions.count) sessions for \(customers.count) customers")
            for session in sessions {
                #expect(session["object"] as? String == "checkout.session")
                let customer = Dump.reference(session["customer"]) ?? ""
                #expect(customers.contains(customer))
                let subscription = try #require(subscriptions[session["subscription"] as? String ?? ""])
                #expect(Dump.reference(subscription["customer"]) == customer)
                if let invoice = session["invoice"] as? String { #expect(invoices.contains(invoice)) }
                let items = Dump.value(session, "line_items", "data") as? [[String: Any]] ?? []
                #expect(!items.isEmpty)
                #expect(Dump.value(session, "line_items", "has_more") as? Bool == false)
                for item in items {
                    let price = item["price"] as? [String: Any]
                    #expect(price?["object"] as? String == "price")
                    #expect(prices.contains(price?["id"] as? String ?? ""))
                }
            }
        }
    }
}
