import Foundation
import PureTestSupport
import StripeJSON
import StripeSchema
import Testing

@Suite("Credit notes and their lines: today's shape and older ones")
struct CreditNoteTransformTests {
    let spec = ResourceSpec.of(.creditNotes)

    @Test("fixtures3's credit note: every typed column and both lines")
    func todaysShape() throws {
        let row = try Transformer.transform(SalesShapes.object("credit_note"), spec: spec)
        #expect(row.id == "cn_1Pgc75B7WZ01zgkWJMPt5riP")
        #expect(!row.isDeletion && !row.isDeleted)
        #expect(row.value("invoice_id", in: spec) == "in_1Pgc75B7WZ01zgkWYv4iMwt7")
        #expect(row.value("customer_id", in: spec) == "cus_QXg1o8vcGmoR32")
        #expect(row.value("customer_balance_transaction_id", in: spec) == nil)
        #expect(row.value("refund_id", in: spec) == "refund")  // refunds[0].refund, from basil
        #expect(row.value("number", in: spec) == "ABCD-1234-CN-01")
        #expect(row.value("status", in: spec) == "issued")
        #expect(row.value("type", in: spec) == "pre_payment")
        #expect(row.value("amount", in: spec) == "1690")
        #expect(row.value("subtotal", in: spec) == "1690")
        #expect(row.value("total", in: spec) == "1690")
        #expect(row.value("total_excluding_tax", in: spec) == nil)
        #expect(row.value("discount_amount", in: spec) == "0")
        #expect(row.value("amount_shipping", in: spec) == "0")
        #expect(row.value("effective_at", in: spec) == "2009-02-13 23:31:30+00")
        #expect(row.value("metadata", in: spec) == "{}")
        let lines = try #require(row.childRows.first)
        #expect(lines.count == 2)
        let columns = ["credit_note_id", "id", "position"] + spec.children[0].columns.map(\.name)
        func cell(_ line: [String?], _ name: String) -> String? { line[columns.firstIndex(of: name)!] }
        #expect(cell(lines[0], "credit_note_id") == row.id)
        #expect(cell(lines[0], "id") == "cnli_1Pgc75B7WZ01zgkWla6u0GdZ")
        #expect(cell(lines[0], "type") == "invoice_line_item")
        #expect(cell(lines[0], "invoice_line_item_id") == "il_1Pgc74B7WZ01zgkWWh45tUBA")
        #expect(cell(lines[0], "amount") == "1190")
        #expect(cell(lines[0], "unit_amount") == nil)
        #expect(cell(lines[1], "position") == "1")
        #expect(cell(lines[1], "type") == "custom_line_item")
        #expect(cell(lines[1], "unit_amount_decimal") == "500")
        #expect(cell(lines[1], "invoice_line_item_id") == nil)
        // The invariant check relies on it: lines sum to the total here.
        #expect(lines.compactMap { Int(cell($0, "amount") ?? "") }.reduce(0, +) == 1690)
    }

    @Test("before basil a credit note names one refund in `refund`; a voided one stays a row")
    func olderShape() throws {
        let older = try StripeShapes.parse("""
            {"id":"cn_old","object":"credit_note","amount":500,"created":1546300800,"currency":"usd","customer":"cus_1",
             "invoice":"in_1","lines":{"object":"list","data":[{"id":"cnli_1","object":"credit_note_line_item","amount":500,
             "quantity":1,"type":"custom_line_item","unit_amount":500,"description":"Credit"}],"has_more":false},
             "refund":"re_1","status":"void","type":"post_payment","voided_at":1546387200,"tax_amounts":[],
             "subtotal":500,"total":500,"reason":"duplicate","metadata":{}}
            """)
        let row = try Transformer.transform(older, spec: spec)
        #expect(row.value("refund_id", in: spec) == "re_1")
        #expect(row.value("status", in: spec) == "void")
        #expect(row.value("voided_at", in: spec) == "2019-01-02 00:00:00+00")
        #expect(!row.isDeletion && !row.isDeleted)
        #expect(row.childRows.first?.count == 1)
        // An empty refunds list of today's shape falls back to nothing, not to a stale field.
        let none = try Transformer.transform(try StripeShapes.parse(#"{"id":"cn_2","object":"credit_note","refunds":[]}"#), spec: spec)
        #expect(none.value("refund_id", in: spec) == nil)
    }

    @Test("a line that is not an object is refused, naming the credit note and the field")
    func badLine() throws {
        let bad = try StripeShapes.parse(#"{"id":"cn_bad","object":"credit_note","lines":{"data":[7],"has_more":false}}"#)
        let error = try #require(throws: LoaderError.self) { _ = try Transformer.transform(bad, spec: spec) }
        let text = "\(error)"
        #expect(text.contains("cn_bad") && text.contains("lines.data.0"), "\(text)")
    }
}
