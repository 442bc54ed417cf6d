import Foundation
import StripeJSON
import StripeSchema
import Testing

@Suite("Invoice payments: Stripe's example objects and the catalog's fill of invoices.payment_intent_id")
struct InvoicePaymentTransformTests {
    /// `resources.invoice_payment` of stripe/openapi's `openapi/fixtures3.json`, verbatim: a
    /// payment of type `payment_intent` whose id the fixture leaves out.
    static let fixture = """
        {"amount_paid":null,"amount_requested":1112626247,"created":1028554472,"currency":"currency","id":"obj_123",
         "invoice":"invoice","is_default":true,"livemode":true,"object":"invoice_payment",
         "payment":{"type":"payment_intent"},"status":"status",
         "status_transitions":{"canceled_at":null,"paid_at":null}}
        """

    /// The example response of Stripe's "List all payments for an invoice" (API 2025-11-17.clover).
    static let documented = """
        {"id":"inpay_1M3USa2eZvKYlo2CBjuwbq0N","object":"invoice_payment","amount_paid":2000,"amount_requested":2000,
         "created":1391288554,"currency":"usd","invoice":"in_103Q0w2eZvKYlo2C5PYwf6Wf","is_default":true,"livemode":false,
         "payment":{"type":"payment_intent","payment_intent":"pi_103Q0w2eZvKYlo2C364X582Z"},"status":"paid",
         "status_transitions":{"canceled_at":null,"paid_at":1391288554}}
        """

    @Test("fixtures3's invoice_payment: every typed column, the absent payment intent NULL")
    func fixtureShape() throws {
        let spec = ResourceSpec.of(.invoicePayments)
        let row = try Transformer.transform(try JSONParser.parse(Self.fixture), spec: spec)
        #expect(row.id == "obj_123")
        #expect(!row.isDeletion)
        #expect(row.value("invoice_id", in: spec) == "invoice")
        #expect(row.value("payment_type", in: spec) == "payment_intent")
        #expect(row.value("payment_intent_id", in: spec) == nil)
        #expect(row.value("charge_id", in: spec) == nil)
        #expect(row.value("amount_paid", in: spec) == nil)
        #expect(row.value("amount_requested", in: spec) == "1112626247")
        #expect(row.value("currency", in: spec) == "currency")
        #expect(row.value("status", in: spec) == "status")
        #expect(row.value("is_default", in: spec) == "t")
        #expect(row.value("paid_at", in: spec) == nil)
        #expect(row.value("created", in: spec) == "2002-08-05 13:34:32+00")
        #expect(row.value("livemode", in: spec) == "t")
    }

    @Test("the documented paid payment: its payment intent and paid time")
    func documentedShape() throws {
        let spec = ResourceSpec.of(.invoicePayments)
        let row = try Transformer.transform(try JSONParser.parse(Self.documented), spec: spec)
        #expect(row.value("invoice_id", in: spec) == "in_103Q0w2eZvKYlo2C5PYwf6Wf")
        #expect(row.value("payment_intent_id", in: spec) == "pi_103Q0w2eZvKYlo2C364X582Z")
        #expect(row.value("amount_paid", in: spec) == "2000")
        #expect(row.value("status", in: spec) == "paid")
        #expect(row.value("paid_at", in: spec) == "2014-02-01 21:02:34+00")
    }

    @Test("the catalog declares the fill of invoices.payment_intent_id, on columns it has")
    func fillDeclaration() throws {
        let fills = ResourceSpec.fills(into: .invoices)
        #expect(fills.count == 1)
        let fill = try #require(fills.first)
        #expect(fill.source == .invoicePayments)
        #expect(fill.fill.column == "payment_intent_id")
        let target = ResourceSpec.of(.invoices).columns.first { $0.name == fill.fill.column }
        #expect(target?.referencedResource == .paymentIntents)
        let source = ResourceSpec.of(.invoicePayments).columns
        for name in [fill.fill.via, fill.fill.value, fill.fill.qualifyingColumn, fill.fill.preferredFlag] {
            #expect(source.contains { $0.name == name }, "invoice_payments has no column \(name)")
        }
        #expect(Resource.invoicePayments > .charges && Resource.invoicePayments > .invoices)
        #expect(Resource(objectName: "invoice_payment") == .invoicePayments)
    }
}
