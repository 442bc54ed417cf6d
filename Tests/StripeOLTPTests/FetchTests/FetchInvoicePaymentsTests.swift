import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

@Suite("fetch → ingest → check with basil/clover invoices: invoice payments link every paid invoice to its payment", .needsDatabase)
struct FetchInvoicePaymentsTests {
    /// Creates a customer with a card and a subscription paid at once; returns its invoice's id.
    private static func paidSubscriptionInvoice(_ running: RunningEmulator, email: String) throws -> String {
        let product = try stripe(running, .post, "/v1/products", [("name", "Basil")])
        let price = try stripe(running, .post, "/v1/prices", [
            ("product", .string(product["id"]?.stringValue ?? "")), ("currency", "usd"), ("unit_amount", "2500"),
            ("recurring", .object([("interval", "month")])),
        ])
        let customer = try stripe(running, .post, "/v1/customers", [("email", .string(email))])
        let customerID = customer["id"]?.stringValue ?? ""
        let method = try stripe(running, .post, "/v1/payment_methods/pm_card_visa/attach", [("customer", .string(customerID))])
        let subscription = try stripe(running, .post, "/v1/subscriptions", [
            ("customer", .string(customerID)), ("default_payment_method", .string(method["id"]?.stringValue ?? "")),
            ("items", .array([.object([("price", .string(price["id"]?.stringValue ?? ""))])])),
        ])
        return try #require(subscription["latest_invoice"]?.stringValue)
    }

    /// Runs the CLI's fetch then ingest into `directory`, expecting both to succeed.
    private static func fetchAndIngest(_ running: RunningEmulator, _ database: TestDatabase, _ directory: String) throws {
        let environment = fetchEnvironment(running)
        let fetched = try CLI.run(["fetch", "--out", directory, "--database-url", database.url], environment: environment)
        #expect(fetched.status == 0, "fetch failed: \(fetched.stderr)")
        let ingested = try CLI.run(["ingest", "all", "--dir", directory, "--database-url", database.url], environment: environment)
        #expect(ingested.status == 0, "ingest failed: \(ingested.stderr)")
    }

    @Test("a full fetch from the emulator gives every paid invoice its payment intent, and check exits 0")
    func paidInvoicesGetTheirPaymentIntents() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            try TestDatabase.with { database in
                // One invoice paid through the API as well as the seeded ones.
                let newInvoice = try Self.paidSubscriptionInvoice(running, email: "basil@example.com")

                let directory = try TestEnvironment.temporaryDirectory().path
                let environment = fetchEnvironment(running)
                let fetched = try CLI.run(["fetch", "--out", directory, "--database-url", database.url], environment: environment)
                #expect(fetched.status == 0, "fetch failed: \(fetched.stderr)")
                // Fetched in the basil/clover shape: no invoice names its payment.
                let invoices = try dumpObjects(directory, .invoices)
                #expect(invoices.allSatisfy { $0["payment_intent"] == nil && $0["paid"] == nil })
                let payments = try dumpObjects(directory, .invoicePayments)
                let paidWithMoney = invoices.filter { $0["status"]?.stringValue == "paid" && ($0["amount_paid"]?.int64Value ?? 0) > 0 }
                #expect(!paidWithMoney.isEmpty)
                #expect(payments.count >= paidWithMoney.count)

                let ingested = try CLI.run(["ingest", "all", "--dir", directory, "--database-url", database.url], environment: environment)
                #expect(ingested.status == 0, "ingest failed: \(ingested.stderr)")
                let connection = try database.connect()
                let unlinked = try connection.query("""
                    SELECT count(*) FROM stripe.invoices
                    WHERE NOT is_placeholder AND status = 'paid' AND amount_paid > 0 AND payment_intent_id IS NULL
                    """).scalar(Int.self)
                #expect(unlinked == 0)
                let linked = try connection.query("""
                    SELECT count(*) FROM stripe.invoices WHERE NOT is_placeholder AND status = 'paid' AND amount_paid > 0
                    """).scalar(Int.self)
                #expect(linked == paidWithMoney.count)
                // The filled intent is the one the invoice payment names, and it paid the invoice's amount.
                let mismatched = try connection.query("""
                    SELECT count(*) FROM stripe.invoices i
                    JOIN stripe.payment_intents p ON p.id = i.payment_intent_id
                    WHERE NOT i.is_placeholder AND (p.is_placeholder OR p.amount_received <> i.amount_paid)
                    """).scalar(Int.self)
                #expect(mismatched == 0)
                let intent = try connection.query("SELECT payment_intent_id FROM stripe.invoices WHERE id = $1", [newInvoice]).scalar(String.self)
                let listed = try stripe(running, .get, "/v1/invoice_payments", [("invoice", .string(newInvoice))])
                #expect(intent != nil && intent == listed["data"]?[0]?["payment"]?["payment_intent"]?.stringValue)

                let checked = try CLI.run(["check", "--dir", directory, "--database-url", database.url])
                #expect(checked.status == 0, "check failed: \(checked.stdout) \(checked.stderr)")
            }
        }
    }

    @Test("an incremental fetch brings a newly paid invoice with its invoice payment, and it gets its payment intent")
    func incrementalFetchLinksNewInvoice() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            try TestDatabase.with { database in
                try Self.fetchAndIngest(running, database, try TestEnvironment.temporaryDirectory().path)
                let newInvoice = try Self.paidSubscriptionInvoice(running, email: "later@example.com")
                let directory = try TestEnvironment.temporaryDirectory().path
                try Self.fetchAndIngest(running, database, directory)
                let manifest = try #require(try FetchManifest.read(directory: directory))
                #expect(manifest.mode == "incremental")
                let payments = try dumpObjects(directory, .invoicePayments)
                #expect(payments.contains { $0["invoice"]?.stringValue == newInvoice })
                let connection = try database.connect()
                let intent = try connection.query(
                    "SELECT payment_intent_id FROM stripe.invoices WHERE id = $1", [newInvoice]).scalar(String.self)
                let filled = try connection.query(
                    "SELECT payment_intent_id FROM stripe.invoice_payments WHERE invoice_id = $1", [newInvoice]).scalar(String.self)
                #expect(intent != nil && intent == filled)
                let checked = try CLI.run(["check", "--dir", directory, "--database-url", database.url])
                #expect(checked.status == 0, "check failed: \(checked.stdout) \(checked.stderr)")
            }
        }
    }
}
