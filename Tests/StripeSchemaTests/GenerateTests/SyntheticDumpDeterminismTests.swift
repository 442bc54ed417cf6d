import Foundation
import PureTestSupport
import StripeGenerator
import StripeJSON
import StripeSchema
import Testing

extension GenerateTests {
    /// Checks byte-for-byte determinism, file layouts and argument errors.
    @Suite("Synthetic dumps: determinism, layouts and arguments")
    struct Determinism {
        @Test("the same seed gives the same bytes; another seed does not")
        func sameSeedSameBytes() throws {
            let first = try GeneratedDumpSet.generate(customers: 40, seed: 42)
            let second = try GeneratedDumpSet.generate(customers: 40, seed: 42)
            let other = try GeneratedDumpSet.generate(customers: 40, seed: 43)
            defer { [first, second, other].forEach { $0.remove() } }
            let firstBytes = try first.fileBytes()
            let secondBytes = try second.fileBytes()
            let otherBytes = try other.fileBytes()
            for resource in Resource.allCases {
                #expect(firstBytes[resource.fileName] == secondBytes[resource.fileName], "\(resource.fileName) differs between runs")
                // Some files are rare or empty (disputes, promotion codes, plans, …): forty
                // customers may have none under either seed.
                guard firstBytes[resource.fileName]?.isEmpty == false || otherBytes[resource.fileName]?.isEmpty == false else { continue }
                #expect(firstBytes[resource.fileName] != otherBytes[resource.fileName], "\(resource.fileName) ignores the seed")
            }
            #expect(first.summary.objects == second.summary.objects)
            #expect(first.summary.bytes == second.summary.bytes)
        }

        @Test("writes every resource's file with about eleven objects per customer")
        func filesAndCounts() throws {
            let dump = try GeneratedDumpSet.generate(customers: 100, seed: 5)
            defer { dump.remove() }
            let names = try FileManager.default.contentsOfDirectory(atPath: dump.directory.path).sorted()
            #expect(names == Resource.allCases.map(\.fileName).sorted(), "no temporary files are left behind")
            for resource in Resource.allCases {
                #expect(dump[resource].count == dump.summary.objects[resource], "\(resource.fileName) count")
            }
            #expect(dump[.products].count == 3)
            #expect(dump[.paymentMethods].count == 100)
            #expect(dump[.subscriptions].count == 100)
            #expect(dump[.customers].count == 100 - dump.summary.deletedCustomers)
            // The account's payouts (and their balance transactions) come every few days, whatever the customers.
            let accountWide = dump[.products].count + dump[.prices].count + 2 * dump[.payouts].count
                + dump[.coupons].count + dump[.promotionCodes].count + dump[.plans].count + dump[.taxRates].count
            let perCustomer = Double(dump.summary.totalObjects - accountWide) / 100
            // About ten, a balance transaction per charge and refund, a setup intent per saved card,
            // a customer.created event per live customer.
            #expect(perCustomer >= 11 && perCustomer <= 17, "objects per customer: \(perCustomer)")
            #expect(dump[.balanceTransactions].count >= dump[.charges].count + dump[.refunds].count)
            #expect(dump[.refunds].count >= 1 && dump[.payouts].count >= 1)
            #expect(dump[.setupIntents].count == 100, "a setup intent per saved card")
            let discounted = dump[.subscriptions].filter { ($0["discount"] is [String: Any]) || !(($0["discounts"] as? [Any]) ?? []).isEmpty }
            #expect(discounted.count == 10, "a discount on one subscription in ten")
            #expect(!dump[.coupons].isEmpty && !dump[.invoiceItems].isEmpty)
            // Account-wide billing objects: a few dozen, whatever the customers.
            #expect(dump[.coupons].count == 24 && dump[.promotionCodes].count == 48 && dump[.taxRates].count == 24)
            #expect(dump[.plans].count == 2 * dump[.products].count, "a plan per recurring price of the first products")
            let coupons = Set(dump[.coupons].compactMap { $0["id"] as? String })
            for code in dump[.promotionCodes] {
                let coupon = ((code["promotion"] as? [String: Any])?["coupon"] as? String) ?? ((code["coupon"] as? [String: Any])?["id"] as? String)
                #expect(coupon.map(coupons.contains) == true, "promotion code \(code["id"] ?? "") names a coupon of the set")
            }
            let prices = Set(dump[.prices].compactMap { $0["id"] as? String })
            let products = Set(dump[.products].compactMap { $0["id"] as? String })
            for plan in dump[.plans] {
                #expect((plan["id"] as? String).map(prices.contains) == true, "a plan shares its price's id")
                #expect((plan["product"] as? String).map(products.contains) == true, "a plan names a product of the set")
            }
            #expect(dump[.events].count == dump[.customers].count, "a customer.created event per live customer")
            let invoices = dump[.invoices].count
            #expect(invoices >= 170 && invoices <= 260, "about two invoices per customer: \(invoices)")
        }

        @Test("envelope, array and mixed layouts carry the same objects as NDJSON")
        func layouts() throws {
            let ndjson = try GeneratedDumpSet.generate(customers: 15, seed: 9)
            let envelope = try GeneratedDumpSet.generate(customers: 15, seed: 9, format: .envelope)
            let array = try GeneratedDumpSet.generate(customers: 15, seed: 9, format: .array)
            let mixed = try GeneratedDumpSet.generate(customers: 15, seed: 9, overrides: [.customers: .envelope, .prices: .array])
            defer { [ndjson, envelope, array, mixed].forEach { $0.remove() } }
            for resource in Resource.allCases {
                let expected = ndjson[resource].compactMap { $0["id"] as? String }
                #expect(envelope[resource].compactMap { $0["id"] as? String } == expected)
                #expect(array[resource].compactMap { $0["id"] as? String } == expected)
                #expect(mixed[resource].compactMap { $0["id"] as? String } == expected)
            }
            let envelopeText = try String(contentsOf: envelope.directory.appendingPathComponent("customers.json"), encoding: .utf8)
            #expect(envelopeText.hasPrefix("{\"object\":\"list\",\"data\":["))
            #expect(envelopeText.hasSuffix("],\"has_more\":false,\"url\":\"/v1/customers\"}\n"))
            let mixedBytes = try mixed.fileBytes()
            #expect(mixedBytes["prices.json"]?.first == UInt8(ascii: "["))
            #expect(mixedBytes["invoices.json"] == (try ndjson.fileBytes())["invoices.json"])
        }

        @Test("fixtures/sample is exactly `generate --customers 12 --seed 7 --mixed-forms`")
        func sampleIsReproducible() throws {
            let dump = try GeneratedDumpSet.generate(customers: 12, seed: 7, overrides: [.customers: .envelope, .prices: .array])
            defer { dump.remove() }
            for (name, bytes) in try dump.fileBytes() {
                let shipped = try Data(contentsOf: GeneratedDumpSet.sampleDirectory.appendingPathComponent(name))
                #expect(shipped == bytes, "fixtures/sample/\(name) is stale: regenerate it")
            }
            #expect(dump.summary.deletedCustomers >= 1)
        }

        @Test("a count below one is a usage error")
        func rejectsNoCustomers() throws {
            let directory = try GeneratedDumpSet.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let generator = SyntheticDumpGenerator(templates: GeneratedDumpSet.templates, seed: 1)
            #expect(throws: LoaderError.usage("the number of customers must be at least 1 (got 0)")) {
                try generator.write(customers: 0, to: directory, format: .ndjson)
            }
        }

        @Test("missing or incomplete templates are a dump file error")
        func rejectsBadTemplates() throws {
            let directory = try GeneratedDumpSet.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let missing = directory.appendingPathComponent("nope.json")
            #expect {
                try SyntheticDumpGenerator(templates: missing, seed: 1).write(customers: 1, to: directory, format: .ndjson)
            } throws: { error in
                guard case .dumpFile(let file, _)? = error as? LoaderError else { return false }
                return file == missing.path
            }
            let partial = directory.appendingPathComponent("partial.json")
            try Data(#"{"product": {"id": "prod_1"}}"#.utf8).write(to: partial)
            #expect {
                try SyntheticDumpGenerator(templates: partial, seed: 1).write(customers: 1, to: directory, format: .ndjson)
            } throws: { error in
                guard case .dumpFile(_, let reason)? = error as? LoaderError else { return false }
                return reason.contains("'price'")
            }
        }

        @Test("an unwritable output folder is a dump file error and leaves nothing behind")
        func rejectsUnwritableOutput() throws {
            let directory = try GeneratedDumpSet.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let blocker = directory.appendingPathComponent("file")
            try Data("x".utf8).write(to: blocker)
            #expect {
                try SyntheticDumpGenerator(templates: GeneratedDumpSet.templates, seed: 1)
                    .write(customers: 3, to: blocker.appendingPathComponent("out"), format: .ndjson)
            } throws: { error in
                guard case .dumpFile? = error as? LoaderError else { return false }
                return true
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["file"])
            #expect(try Data(contentsOf: blocker) == Data("x".utf8))
        }
    }
}
