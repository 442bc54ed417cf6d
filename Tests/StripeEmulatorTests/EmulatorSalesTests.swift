import Foundation
import Testing
@testable import StripeEmulator

@Suite("Emulator credit notes and checkout sessions")
struct EmulatorSalesTests {
    private func id(_ result: CurlResult) -> String { result.body?["id"]?.stringValue ?? "" }

    /// A customer with a default card and a paid 2 × 1500 monthly subscription; returns the
    /// customer, the monthly price, a one-time price and the paid invoice.
    private func paidInvoice(_ curl: Curl) async throws -> (customer: String, monthly: String, oneTime: String, invoice: String) {
        let product = try await curl.call("POST", "/v1/products", [("name", "Pro")])
        let monthly = try await curl.call("POST", "/v1/prices", [("product", id(product)), ("currency", "usd"),
                                                                 ("unit_amount", "1500"), ("recurring[interval]", "month")])
        let oneTime = try await curl.call("POST", "/v1/prices", [("product", id(product)), ("currency", "usd"), ("unit_amount", "4000")])
        let customer = try await curl.call("POST", "/v1/customers", [("email", "cn@example.com"), ("payment_method", "pm_card_visa"),
                                                                     ("invoice_settings[default_payment_method]", "pm_card_visa")])
        let subscription = try await curl.call("POST", "/v1/subscriptions", [
            ("customer", id(customer)), ("items[0][price]", id(monthly)), ("items[0][quantity]", "2"),
        ])
        let invoice = subscription.body?["latest_invoice"]?.stringValue ?? ""
        return (id(customer), id(monthly), id(oneTime), invoice)
    }

    @Test func creditNoteOnPaidInvoiceListsLinesAndVoids() async throws {
        try await withEmulator { curl, running in
            let (customer, _, _, invoiceID) = try await paidInvoice(curl)
            let invoice = try await curl.call("GET", "/v1/invoices/\(invoiceID)")
            #expect(invoice.body?["status"]?.stringValue == "paid")
            let lineID = invoice.body?["lines"]?["data"]?.arrayValue?.first?["id"]?.stringValue ?? ""
            let note = try await curl.call("POST", "/v1/credit_notes", [
                ("invoice", invoiceID), ("lines[0][type]", "invoice_line_item"), ("lines[0][invoice_line_item]", lineID),
                ("lines[0][quantity]", "1"), ("lines[1][type]", "custom_line_item"), ("lines[1][description]", "Goodwill"),
                ("lines[1][unit_amount]", "250"), ("lines[1][quantity]", "2"), ("reason", "order_change"),
            ])
            #expect(note.status == 200, "\(String(describing: note.body))")
            #expect(id(note).hasPrefix("cn_"))
            #expect(note.body?["object"]?.stringValue == "credit_note")
            #expect(note.body?["type"]?.stringValue == "post_payment")
            #expect(note.body?["customer"]?.stringValue == customer)
            #expect(note.body?["total"]?.intValue == 1500 + 500)
            #expect(note.body?["lines"]?["data"]?.arrayValue?.first?["invoice_line_item"]?.stringValue == lineID)
            let lines = try await curl.call("GET", "/v1/credit_notes/\(id(note))/lines", [("limit", "1")])
            #expect(lines.body?["data"]?.arrayValue?.count == 1)
            #expect(lines.body?["has_more"] == .bool(true))
            let listed = try await curl.call("GET", "/v1/credit_notes", [("invoice", invoiceID)])
            #expect(listed.body?["data"]?.arrayValue?.map { $0["id"]?.stringValue ?? "" } == [id(note)])
            let credited = try await curl.call("GET", "/v1/invoices/\(invoiceID)")
            #expect(credited.body?["post_payment_credit_notes_amount"]?.intValue == 2000)
            let tooMuch = try await curl.call("POST", "/v1/credit_notes", [("invoice", invoiceID), ("amount", "1001")])
            #expect(tooMuch.status == 400)
            let voided = try await curl.call("POST", "/v1/credit_notes/\(id(note))/void")
            #expect(voided.body?["status"]?.stringValue == "void")
            #expect(voided.body?["voided_at"]?.intValue != nil)
            let again = try await curl.call("POST", "/v1/credit_notes/\(id(note))/void")
            #expect(again.status == 400)
            let types = running.emulator.withState { $0.table(.event).newestFirst.compactMap { $0["type"]?.stringValue } }
            #expect(types.contains("credit_note.created") && types.contains("credit_note.voided"))
        }
    }

    @Test func creditNoteNeedsAnOpenOrPaidInvoiceAndKnownLines() async throws {
        try await withEmulator { curl, _ in
            let missing = try await curl.call("POST", "/v1/credit_notes", [("invoice", "in_nope"), ("amount", "100")])
            #expect(missing.status == 404)
            let (_, _, _, invoiceID) = try await paidInvoice(curl)
            let unknownLine = try await curl.call("POST", "/v1/credit_notes", [
                ("invoice", invoiceID), ("lines[0][type]", "invoice_line_item"), ("lines[0][invoice_line_item]", "il_nope"),
            ])
            #expect(unknownLine.status == 400)
            #expect(unknownLine.body?["error"]?["param"]?.stringValue == "lines[0][invoice_line_item]")
        }
    }

    @Test func checkoutSessionLineItemsAreIncludableOnlyAndCompleteOrExpire() async throws {
        try await withEmulator { curl, running in
            let (customer, monthly, oneTime, _) = try await paidInvoice(curl)
            let wrongMode = try await curl.call("POST", "/v1/checkout/sessions", [
                ("mode", "payment"), ("line_items[0][price]", monthly), ("success_url", "https://example.com"),
            ])
            #expect(wrongMode.status == 400)
            let payment = try await curl.call("POST", "/v1/checkout/sessions", [
                ("mode", "payment"), ("customer", customer), ("line_items[0][price]", oneTime), ("line_items[0][quantity]", "2"),
                ("success_url", "https://example.com"),
            ])
            #expect(payment.status == 200, "\(String(describing: payment.body))")
            #expect(id(payment).hasPrefix("cs_"))
            #expect(payment.body?["object"]?.stringValue == "checkout.session")
            #expect(payment.body?["line_items"] == nil)
            #expect(payment.body?["amount_total"]?.intValue == 8000)
            let expanded = try await curl.call("GET", "/v1/checkout/sessions/\(id(payment))", [("expand[]", "line_items")])
            #expect(expanded.body?["line_items"]?["data"]?.arrayValue?.first?["price"]?["id"]?.stringValue == oneTime)
            let items = try await curl.call("GET", "/v1/checkout/sessions/\(id(payment))/line_items")
            #expect(items.body?["data"]?.arrayValue?.first?["object"]?.stringValue == "item")
            #expect(items.body?["data"]?.arrayValue?.first?["quantity"]?.intValue == 2)
            let completed = try await curl.call("POST", "/v1/test_helpers/checkout/sessions/\(id(payment))/complete")
            #expect(completed.body?["status"]?.stringValue == "complete")
            #expect(completed.body?["payment_status"]?.stringValue == "paid")
            let intent = try await curl.call("GET", "/v1/payment_intents/\(completed.body?["payment_intent"]?.stringValue ?? "")")
            #expect(intent.body?["status"]?.stringValue == "succeeded")
            #expect(intent.body?["amount"]?.intValue == 8000)

            let subscription = try await curl.call("POST", "/v1/checkout/sessions", [
                ("mode", "subscription"), ("customer", customer), ("line_items[0][price]", monthly),
                ("success_url", "https://example.com"),
            ])
            let subscribed = try await curl.call("POST", "/v1/test_helpers/checkout/sessions/\(id(subscription))/complete")
            #expect(subscribed.body?["subscription"]?.stringValue?.hasPrefix("sub_") == true)
            #expect(subscribed.body?["invoice"]?.stringValue?.hasPrefix("in_") == true)

            let open = try await curl.call("POST", "/v1/checkout/sessions", [
                ("mode", "payment"), ("line_items[0][price]", oneTime), ("success_url", "https://example.com"),
            ])
            let expired = try await curl.call("POST", "/v1/checkout/sessions/\(id(open))/expire")
            #expect(expired.body?["status"]?.stringValue == "expired")
            let twice = try await curl.call("POST", "/v1/checkout/sessions/\(id(open))/expire")
            #expect(twice.status == 400)
            let listed = try await curl.call("GET", "/v1/checkout/sessions", [("status", "complete")])
            #expect(Set(listed.body?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []) == [id(payment), id(subscription)])
            let types = running.emulator.withState { $0.table(.event).newestFirst.compactMap { $0["type"]?.stringValue } }
            #expect(types.filter { $0 == "checkout.session.completed" }.count == 2)
            #expect(types.contains("checkout.session.expired"))
            #expect(!types.contains { $0 == "checkout.session.created" || $0 == "checkout.session.updated" })
        }
    }
}
