import ArgumentParser
import Foundation
import StripeGenerator
import StripeOLTP
import StripeSchema

/// `stripe-oltp generate`: writes a synthetic, consistent dump set.
struct GenerateCommand: ParsableCommand {
    /// The command's name, abstract and discussion.
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic, consistent set of Stripe dumps.",
        discussion: """
            Writes products.json, prices.json, customers.json, payment_methods.json, \
            subscriptions.json, invoices.json, payment_intents.json, charges.json and \
            invoice_payments.json (about ten objects per customer, one invoice payment per paid \
            invoice), and the billing files: coupons.json (a small coupon set), setup_intents.json \
            (one per customer's card), invoice_items.json (behind one-time invoice lines), with a \
            discount embedded in about one subscription in ten; the other resources' files are \
            empty. The same seed, count and templates always give the same bytes.
            """)

    /// `--customers N`.
    @Option(name: .long, help: "Number of customers (at least 1).")
    var customers: Int

    /// `--out DIR`.
    @Option(name: .long, help: "Directory to write the dump files into (created if missing).")
    var out: String

    /// `--seed S`.
    @Option(name: .long, help: "Seed for every random choice and id.")
    var seed: UInt64 = 1

    /// `--format ndjson|envelope|array`.
    @Option(name: .long, help: "Layout of every file: ndjson, envelope or array.")
    var format: String = SyntheticDumpFormat.ndjson.rawValue

    /// `--mixed-forms`: the layout of the shipped sample.
    @Flag(name: .customLong("mixed-forms"),
          help: "Write customers.json as a list envelope and prices.json as a plain array, the rest as --format.")
    var mixedForms = false

    /// `--templates FILE`.
    @Option(name: .long, help: "Stripe example objects to start from (default: the fixtures/stripe-shapes.json built into stripe-oltp).")
    var templates: String?

    /// Checks the arguments before anything is written.
    func validate() throws {
        guard customers >= 1 else {
            throw ValidationError("--customers must be at least 1 (got \(customers))")
        }
        guard customers <= 10_000_000 else {
            throw ValidationError("--customers must be at most 10000000 (got \(customers))")
        }
        guard SyntheticDumpFormat(rawValue: format) != nil else {
            let names = SyntheticDumpFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--format must be one of \(names) (got '\(format)')")
        }
        guard !out.isEmpty else {
            throw ValidationError("--out must name a directory")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--out '\(out)' exists and is not a directory")
        }
        if let templates, !FileManager.default.isReadableFile(atPath: templates) {
            throw ValidationError("--templates '\(templates)' is not a readable file")
        }
    }

    /// Writes the dump set and prints per-file counts, sizes and the elapsed time.
    func run() throws {
        try CommandFailure.run {
            let started = Date()
            let generator = SyntheticDumpGenerator(templates: templates.map { URL(fileURLWithPath: $0) }, seed: seed)
            let overrides: [Resource: SyntheticDumpFormat] = mixedForms ? [.customers: .envelope, .prices: .array] : [:]
            let summary = try generator.write(
                customers: customers, to: URL(fileURLWithPath: out, isDirectory: true),
                format: SyntheticDumpFormat(rawValue: format)!, formatOverrides: overrides)
            let elapsed = Date().timeIntervalSince(started)
            let nameWidth = Resource.allCases.map(\.fileName.count).max() ?? 0
            for resource in LoadOrder.resources {
                let name = resource.fileName.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                let objects = String(summary.objects[resource] ?? 0)
                let bytes = summary.bytes[resource] ?? 0
                print("generate: \(name) \(String(repeating: " ", count: max(0, 9 - objects.count)))\(objects) objects  \(megabytes(bytes))")
            }
            print("generate: \(summary.totalObjects) objects (\(summary.subscriptionItems) subscription items, "
                  + "\(summary.invoiceLineItems) invoice lines, \(summary.deletedCustomers) deleted customers), "
                  + "\(megabytes(summary.totalBytes)) in \(out)")
            print("generate: done in \(String(format: "%.2f", elapsed)) s")
        }
    }

    private func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
