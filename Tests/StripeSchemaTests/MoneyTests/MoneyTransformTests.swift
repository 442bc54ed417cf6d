import StripeJSON
import StripeSchema
import Testing

/// Refunds, disputes, balance transactions and payouts in Stripe's shapes of today
/// (`openapi/fixtures3.json`) and of older API versions.
@Suite("Money resources: transform")
struct MoneyTransformTests {
    /// `resources.refund` of stripe/openapi's `openapi/fixtures3.json`, verbatim.
    static let refund = """
        {"amount":100,"balance_transaction":null,"charge":"ch_1PgafuB7WZ01zgkWXYmPNZs8","created":1234567890,"currency":"usd","destination_details":{"card":{"type":"reversal"},"type":"card"},"id":"re_1Pgc72B7WZ01zgkWqPvrRrPE","metadata":{},"object":"refund","payment_intent":null,"reason":null,"receipt_number":null,"source_transfer_reversal":null,"status":"succeeded","transfer_reversal":null,"customer":null,"customer_account":null,"payment_method":null}
        """
    /// `resources.dispute` of fixtures3.json, verbatim but for `evidence`, shortened.
    static let dispute = """
        {"amount":1000,"balance_transactions":[],"charge":"ch_1PgafuB7WZ01zgkWXYmPNZs8","created":1234567890,"currency":"usd","evidence":{"access_activity_log":null,"enhanced_evidence":{}},"evidence_details":{"due_by":1723679999,"has_evidence":false,"past_due":false,"submission_count":0,"enhanced_eligibility":{}},"id":"dp_1Pgc71B7WZ01zgkWMevJiAUx","is_charge_refundable":true,"livemode":false,"metadata":{},"object":"dispute","payment_intent":null,"payment_method_details":{"card":{"brand":"visa","case_type":"inquiry","network_reason_code":"10.4","network":"visa"},"type":"card"},"reason":"general","status":"warning_needs_response","enhanced_eligibility_types":["visa_compelling_evidence_3"]}
        """
    /// `resources.balance_transaction` of fixtures3.json, verbatim.
    static let balanceTransaction = """
        {"amount":100,"available_on":1234567890,"created":1234567890,"currency":"usd","description":"My First Test Charge (created for API docs)","exchange_rate":null,"fee":0,"fee_details":[],"id":"txn_1PgaxNB7WZ01zgkWEV3TLf40","net":100,"object":"balance_transaction","reporting_category":"charge","source":"ch_1PgafuB7WZ01zgkWXYmPNZs8","status":"available","type":"charge","balance_type":"payments"}
        """
    /// `resources.payout` of fixtures3.json, verbatim.
    static let payout = """
        {"amount":1100,"application_fee":null,"application_fee_amount":null,"arrival_date":1234567890,"automatic":true,"balance_transaction":"txn_1PgaxNB7WZ01zgkWEV3TLf40","created":1234567890,"currency":"usd","description":"STRIPE PAYOUT","destination":"ba_1Pgc79B7WZ01zgkWoU5vBiXt","failure_balance_transaction":null,"failure_code":null,"failure_message":null,"id":"po_1Pgc79B7WZ01zgkWu1KToYf4","livemode":false,"metadata":{},"method":"standard","object":"payout","original_payout":null,"reconciliation_status":"completed","reversed_by":null,"source_type":"card","statement_descriptor":null,"status":"in_transit","type":"bank_account","trace_id":{"status":"status","value":null},"payout_method":null}
        """

    private func transform(_ text: String, _ resource: Resource) throws -> (TransformedObject, ResourceSpec) {
        let spec = ResourceSpec.of(resource)
        return (try Transformer.transform(try JSONParser.parse(Array(text.utf8)), spec: spec), spec)
    }

    @Test("fixtures3's refund: charge, amount, status; absent references NULL")
    func refundShape() throws {
        let (row, spec) = try transform(Self.refund, .refunds)
        #expect(row.id == "re_1Pgc72B7WZ01zgkWqPvrRrPE")
        #expect(row.value("charge_id", in: spec) == "ch_1PgafuB7WZ01zgkWXYmPNZs8")
        #expect(row.value("payment_intent_id", in: spec) == nil)
        #expect(row.value("balance_transaction_id", in: spec) == nil)
        #expect(row.value("amount", in: spec) == "100")
        #expect(row.value("status", in: spec) == "succeeded")
        #expect(row.value("created", in: spec) == "2009-02-13 23:31:30+00")
        #expect(row.value("metadata", in: spec) == "{}")
    }

    @Test("fixtures3's dispute: charge, amount, status, evidence due date")
    func disputeShape() throws {
        let (row, spec) = try transform(Self.dispute, .disputes)
        #expect(row.value("charge_id", in: spec) == "ch_1PgafuB7WZ01zgkWXYmPNZs8")
        #expect(row.value("amount", in: spec) == "1000")
        #expect(row.value("status", in: spec) == "warning_needs_response")
        #expect(row.value("reason", in: spec) == "general")
        #expect(row.value("is_charge_refundable", in: spec) == "t")
        #expect(row.value("evidence_due_by", in: spec) == "2024-08-14 23:59:59+00")
        #expect(row.embedded.isEmpty)
    }

    @Test("fixtures3's balance transaction: amounts, and its charge source in source_id, source_type and source_charge_id only")
    func balanceTransactionShape() throws {
        let (row, spec) = try transform(Self.balanceTransaction, .balanceTransactions)
        #expect(row.value("amount", in: spec) == "100")
        #expect(row.value("fee", in: spec) == "0")
        #expect(row.value("net", in: spec) == "100")
        #expect(row.value("exchange_rate", in: spec) == nil)
        #expect(row.value("fee_details", in: spec) == "[]")
        #expect(row.value("source_id", in: spec) == "ch_1PgafuB7WZ01zgkWXYmPNZs8")
        #expect(row.value("source_type", in: spec) == "charge")
        #expect(row.value("source_charge_id", in: spec) == "ch_1PgafuB7WZ01zgkWXYmPNZs8")
        #expect(row.value("source_refund_id", in: spec) == nil)
        #expect(row.value("source_dispute_id", in: spec) == nil)
        #expect(row.value("source_payout_id", in: spec) == nil)
    }

    @Test("a balance transaction's source fills the foreign key of its type only", arguments: [
        ("pyr_1", "refund", "source_refund_id"), ("du_1", "dispute", "source_dispute_id"),
        ("po_1", "payout", "source_payout_id"), ("py_1", "charge", "source_charge_id"),
        ("tr_1", "transfer", nil), ("zz_1", nil, nil),
    ] as [(String, String?, String?)])
    func polymorphicSource(source: String, type: String?, column: String?) throws {
        let (row, spec) = try transform(#"{"id":"txn_1","object":"balance_transaction","source":"\#(source)"}"#, .balanceTransactions)
        #expect(row.value("source_id", in: spec) == source)
        #expect(row.value("source_type", in: spec) == type)
        for name in ["source_charge_id", "source_refund_id", "source_dispute_id", "source_payout_id"] {
            #expect(row.value(name, in: spec) == (name == column ? source : nil), "\(name)")
        }
    }

    @Test("an expanded source object gives its type by `object` and is harvested for its table")
    func expandedSource() throws {
        let (row, spec) = try transform(
            #"{"id":"txn_2","object":"balance_transaction","source":{"id":"po_9","object":"payout","amount":500,"status":"paid"}}"#,
            .balanceTransactions)
        #expect(row.value("source_type", in: spec) == "payout")
        #expect(row.value("source_payout_id", in: spec) == "po_9")
        #expect(row.value("source_charge_id", in: spec) == nil)
        #expect(row.embedded.map(\.resource) == [.payouts])
        #expect(row.embedded.first?.object.id == "po_9")
    }

    @Test("fixtures3's payout: balance transaction, destination, arrival, status")
    func payoutShape() throws {
        let (row, spec) = try transform(Self.payout, .payouts)
        #expect(row.value("balance_transaction_id", in: spec) == "txn_1PgaxNB7WZ01zgkWEV3TLf40")
        #expect(row.value("destination_id", in: spec) == "ba_1Pgc79B7WZ01zgkWoU5vBiXt")
        #expect(row.value("original_payout_id", in: spec) == nil)
        #expect(row.value("automatic", in: spec) == "t")
        #expect(row.value("status", in: spec) == "in_transit")
        #expect(row.value("method", in: spec) == "standard")
        #expect(row.value("reconciliation_status", in: spec) == "completed")
        #expect(row.value("amount", in: spec) == "1100")
    }

    @Test("a charge's embedded refund list (a list object from 2014-05-19, a bare array before) is harvested", arguments: [
        #"{"object":"list","data":[REFUNDS],"has_more":false,"total_count":2,"url":"/v1/charges/ch_1/refunds"}"#,
        "[REFUNDS]",
    ])
    func chargeRefunds(list: String) throws {
        let refunds = #"{"id":"re_1","object":"refund","amount":30,"charge":"ch_1"},{"id":"re_2","object":"refund","amount":20,"charge":"ch_1"}"#
        let charge = #"{"id":"ch_1","object":"charge","amount":100,"amount_refunded":50,"refunds":LIST}"#
            .replacingOccurrences(of: "LIST", with: list.replacingOccurrences(of: "REFUNDS", with: refunds))
        let (row, _) = try transform(charge, .charges)
        #expect(row.embedded.map(\.resource) == [.refunds, .refunds])
        #expect(row.embedded.map(\.object.id) == ["re_1", "re_2"])
        let refundSpec = ResourceSpec.of(.refunds)
        #expect(row.embedded.first?.object.value("amount", in: refundSpec) == "30")
    }

    @Test("a dispute's embedded balance transactions are harvested")
    func disputeBalanceTransactions() throws {
        let (row, _) = try transform(
            #"{"id":"dp_1","object":"dispute","charge":"ch_1","amount":100,"balance_transactions":[{"id":"txn_d","object":"balance_transaction","amount":-100,"fee":1500,"net":-1600,"source":"dp_1"}]}"#,
            .disputes)
        #expect(row.embedded.map(\.object.id) == ["txn_d"])
        let spec = ResourceSpec.of(.balanceTransactions)
        #expect(row.embedded.first?.object.value("source_dispute_id", in: spec) == "dp_1")
        #expect(row.embedded.first?.object.value("net", in: spec) == "-1600")
    }

    @Test("a refund of an older shape: no status, a description, and an expanded balance transaction")
    func olderRefund() throws {
        let (row, spec) = try transform(
            #"{"id":"re_old","object":"refund","amount":500,"charge":"ch_1","currency":"usd","created":1400000000,"description":"partial","balance_transaction":{"id":"txn_r","object":"balance_transaction","amount":-500,"fee":0,"net":-500,"source":"re_old"}}"#,
            .refunds)
        #expect(row.value("status", in: spec) == nil)
        #expect(row.value("description", in: spec) == "partial")
        #expect(row.value("balance_transaction_id", in: spec) == "txn_r")
        #expect(row.embedded.first?.object.value("source_refund_id", in: ResourceSpec.of(.balanceTransactions)) == "re_old")
    }
}
