import Foundation
import StripeEmulator
import StripeHTTP
import StripeOLTP
import Testing
import TestSupport

@Suite("Fetch from the local Stripe-compatible server")
struct FetchEmulatorTests {
    /// Live objects per resource in the emulator, as a full fetch should find them (payment
    /// methods when attached to a customer, as Stripe lists them per customer, or referenced by
    /// a payment, charge or subscription, which the fetch retrieves by id).
    private static func expectedIDs(_ emulator: Emulator) -> [Resource: Set<String>] {
        emulator.withState { state in
            var referenced = Set<String>()
            for (kind, field) in [(ResourceKind.paymentIntent, "payment_method"), (.charge, "payment_method"),
                                  (.subscription, "default_payment_method")] {
                for object in state.table(kind).newestFirst {
                    if let id = object[field]?.stringValue { referenced.insert(id) }
                }
            }
            let kinds: [(Resource, ResourceKind)] = [
                (.products, .product), (.prices, .price), (.customers, .customer), (.paymentMethods, .paymentMethod),
                (.subscriptions, .subscription), (.invoices, .invoice), (.paymentIntents, .paymentIntent), (.charges, .charge),
            ]
            var result: [Resource: Set<String>] = [:]
            for (resource, kind) in kinds {
                let table = state.table(kind)
                result[resource] = Set(table.order.filter { id in
                    kind != .paymentMethod || table[id]?["customer"]?.stringValue != nil || referenced.contains(id)
                })
            }
            return result
        }
    }

    @Test("a full fetch writes every object once, completes, and records a manifest")
    func fullFetch() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let directory = try TestEnvironment.temporaryDirectory().path
            let report = try fetch(running, into: directory, pageSize: 3)
            #expect(report.succeeded)
            let expected = Self.expectedIDs(running.emulator)
            for resource in Resource.allCases {
                let ids = try dumpIDs(directory, resource)
                #expect(ids.count == Set(ids).count, "\(resource) has duplicates")
                #expect(Set(ids) == expected[resource], "\(resource) differs from the server")
                #expect(report.manifest.entry(resource)?.objects == ids.count)
            }
            let manifest = try #require(try FetchManifest.read(directory: directory))
            #expect(manifest.complete && manifest.mode == "full")
            #expect(manifest.apiVersion == StripeClientConfiguration.defaultAPIVersion)
            #expect(!FileManager.default.fileExists(atPath: directory + "/.customers.json.partial"))
            // Subscriptions are listed with status=all.
            #expect(running.emulator.requestLog.contains { $0.path == "/v1/subscriptions" })
        }
    }

    @Test("429s, 500s and dropped connections are retried and the result is complete and exact")
    func faultsGiveExactResult() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let clean = try TestEnvironment.temporaryDirectory().path
            #expect(try fetch(running, into: clean, pageSize: 4).succeeded)
            running.emulator.setFaults(FaultConfiguration(rateLimitEvery: 3, errorEvery: 7, dropEvery: 11))
            let faulty = try TestEnvironment.temporaryDirectory().path
            let report = try fetch(running, into: faulty, pageSize: 4)
            #expect(report.succeeded)
            #expect(report.progress.retries > 0)
            let log = running.emulator.requestLog
            #expect(log.contains { $0.status == 429 } && log.contains { $0.status == 500 } && log.contains { $0.status == 0 })
            for resource in Resource.allCases {
                let ids = try dumpIDs(faulty, resource)
                #expect(ids.count == Set(ids).count, "\(resource) has duplicates")
                #expect(Set(ids) == Set(try dumpIDs(clean, resource)), "\(resource) lost or gained objects under faults")
            }
        }
    }

    @Test("a list whose pages repeat stops with an error instead of looping, and leaves no partial file")
    func paginationLoopStops() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            running.emulator.setFaults(FaultConfiguration(ignoreStartingAfter: true))
            let directory = try TestEnvironment.temporaryDirectory().path
            let report = try fetch(running, into: directory, pageSize: 2)
            #expect(!report.succeeded)
            let customers = try #require(report.manifest.entry(.customers))
            #expect(customers.status == .failed)
            #expect(customers.error?.contains("pagination repeated object") == true)
            #expect(customers.error?.contains("GET /v1/customers") == true)
            #expect(!FileManager.default.fileExists(atPath: directory + "/customers.json"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/.customers.json.partial"))
            // The requests stopped: a handful per list, not an endless chain.
            #expect(running.emulator.requestLog.filter { $0.path == "/v1/customers" }.count < 10)
        }
    }

    @Test("a rerun resumes an unfinished fetch: complete resources are kept, the failed ones fetched")
    func rerunResumes() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            running.emulator.setFaults(FaultConfiguration(ignoreStartingAfter: true))
            let directory = try TestEnvironment.temporaryDirectory().path
            let first = try fetch(running, into: directory, pageSize: 5)
            let completed = Set(first.manifest.resources.filter { $0.status == .complete }.map(\.resource))
            #expect(completed.contains(.products))  // 3 products fit in one page
            #expect(!completed.contains(.invoices))
            let productsBefore = try String(contentsOfFile: directory + "/products.json", encoding: .utf8)

            running.emulator.setFaults(FaultConfiguration())
            let before = running.emulator.requestLog.count
            let notices = NoticeLog()
            let second = try fetch(running, into: directory, pageSize: 5, notices: notices)
            #expect(second.succeeded)
            #expect(notices.all.contains { $0.contains("resuming the unfinished fetch") })
            let paths = running.emulator.requestLog.dropFirst(before).map(\.path)
            #expect(!paths.contains("/v1/products"))
            #expect(paths.contains("/v1/invoices"))
            #expect(try String(contentsOfFile: directory + "/products.json", encoding: .utf8) == productsBefore)
            let expected = Self.expectedIDs(running.emulator)
            for resource in Resource.allCases {
                #expect(Set(try dumpIDs(directory, resource)) == expected[resource], "\(resource)")
            }
        }
    }

    @Test("invoice lines beyond the embedded first page are all fetched")
    func invoiceLinesCompleted() async throws {
        let seed = try TestEnvironment.temporaryDirectory().path
        let sample = try dumpObjectsAnyForm(sampleDirectory + "/invoices.json")
        guard case .object(var invoice) = sample[0], case .object(var lines) = invoice["lines"]!,
              let template = lines["data"]?[0]?.objectValue else { Issue.record("sample invoice has no lines"); return }
        let invoiceID = invoice["id"]!.stringValue!
        let data: [StripeOLTP.JSONValue] = (0..<25).map { index in
            var line = template
            line.set("id", .string("il_fetchtest\(String(format: "%03d", index))"))
            line.set("invoice", .string(invoiceID))
            return .object(line)
        }
        lines.set("data", .array(data))
        lines.set("has_more", .bool(false))
        invoice.set("lines", .object(lines))
        try (StripeOLTP.JSONValue.object(invoice).serialized() + "\n").write(toFile: seed + "/invoices.json", atomically: true, encoding: .utf8)

        try await withEmulator(seedDirectory: seed) { running in
            let listed = try stripe(running, .get, "/v1/invoices")
            #expect(listed["data"]?[0]?["lines"]?["has_more"]?.boolValue == true)
            let directory = try TestEnvironment.temporaryDirectory().path
            #expect(try fetch(running, into: directory, pageSize: 10).succeeded)
            let fetched = try dumpObjects(directory, .invoices)
            #expect(fetched.count == 1)
            let fetchedLines = fetched[0]["lines"]?["data"]?.arrayValue ?? []
            #expect(fetchedLines.count == 25)
            #expect(Set(fetchedLines.compactMap { $0["id"]?.stringValue }) == Set(data.compactMap { $0["id"]?.stringValue }))
            #expect(fetched[0]["lines"]?["has_more"]?.boolValue == false)
            #expect(running.emulator.requestLog.filter { $0.path == "/v1/invoices/\(invoiceID)/lines" }.count == 3)
        }
    }
}

/// The objects of a dump file in any of the three forms.
func dumpObjectsAnyForm(_ path: String) throws -> [StripeOLTP.JSONValue] {
    let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    if let whole = try? JSONParser.parse(text) {
        if let elements = whole.arrayValue { return elements }
        if let elements = whole["data"]?.arrayValue { return elements }
    }
    return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
}
