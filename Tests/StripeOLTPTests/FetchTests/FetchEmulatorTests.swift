import Foundation
import StripeEmulator
import StripeHTTP
import StripeJSON
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

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
            var result: [Resource: Set<String>] = [:]
            for resource in Resource.allCases {
                // The emulator's kinds are named by Stripe's object names, as the catalog's resources are.
                guard let kind = ResourceKind(rawValue: resource.objectName) else {
                    Issue.record("the emulator has no kind for \(resource.objectName)")
                    continue
                }
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
        let (seed, invoiceID, data) = try seedWithChildren(.invoices, list: "lines", parentField: "invoice", idPrefix: "il", count: 25)

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

extension FetchEmulatorTests {
    @Test("subscription items beyond the embedded first page are all fetched")
    func subscriptionItemsCompleted() async throws {
        let (seed, _, data) = try seedWithChildren(
            .subscriptions, list: "items", parentField: "subscription", idPrefix: "si", count: 14)

        try await withEmulator(seedDirectory: seed) { running in
            let listed = try stripe(running, .get, "/v1/subscriptions", [("status", "all")])
            #expect(listed["data"]?[0]?["items"]?["has_more"]?.boolValue == true)
            let directory = try TestEnvironment.temporaryDirectory().path
            #expect(try fetch(running, into: directory, pageSize: 5).succeeded)
            let fetched = try dumpObjects(directory, .subscriptions)
            let fetchedItems = fetched.first?["items"]?["data"]?.arrayValue ?? []
            #expect(Set(fetchedItems.compactMap { $0["id"]?.stringValue }) == Set(data.compactMap { $0["id"]?.stringValue }))
            #expect(fetchedItems.count == 14)
            #expect(fetched.first?["items"]?["has_more"]?.boolValue == false)
            #expect(running.emulator.requestLog.filter { $0.path == "/v1/subscription_items" }.count == 3)
        }
    }

    @Test("an event cursor older than Stripe's 30-day event retention falls back to a full fetch, saying so")
    func staleEventCursor() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let now = Int(Date().timeIntervalSince1970)
            let stale = FetchCursors(objects: [.customers: now - 86_400], eventCreated: now - 31 * 86_400, eventID: "evt_old")
            let notices = NoticeLog()
            let directory = try TestEnvironment.temporaryDirectory().path
            let report = try fetch(running, into: directory, cursors: stale, notices: notices)
            #expect(report.succeeded)
            #expect(report.manifest.mode == "full")
            #expect(report.manifest.entry(.customers)?.createdSince == nil)
            #expect(notices.all.contains { $0.contains("older than Stripe's 30-day event retention") })
            #expect(try dumpIDs(directory, .customers).count == 11)
            // Only the probe for the newest event and the events resource's listing (the seeded events
            // are older than 30 days, so none are listed): a full fetch reads no changes from events.
            #expect(running.emulator.requestLog.filter { $0.path == "/v1/events" }.count == 2)
            #expect(report.manifest.events.read == 0)
        }
    }

    @Test("with fresh cursors only newer objects are listed, with a created filter, and events are read")
    func freshCursorsAreIncremental() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let now = Int(Date().timeIntervalSince1970)
            var objects: [Resource: Int] = [:]
            for resource in Resource.allCases { objects[resource] = now }
            let cursors = FetchCursors(objects: objects, eventCreated: now - 60, eventID: "evt_recent")
            let directory = try TestEnvironment.temporaryDirectory().path
            let report = try fetch(running, into: directory, cursors: cursors)
            #expect(report.succeeded)
            #expect(report.manifest.mode == "incremental")
            #expect(report.manifest.entry(.customers)?.createdSince == now - 3600)
            // The sample objects are all older than the cursors: nothing to write.
            #expect(try dumpIDs(directory, .customers).isEmpty)
            #expect(running.emulator.requestLog.filter { $0.path == "/v1/events" }.count >= 2)
        }
    }

    @Test("the envelope format writes a Stripe list that ingest's reader accepts")
    func envelopeFormat() async throws {
        try await withEmulator(seedDirectory: sampleDirectory) { running in
            let directory = try TestEnvironment.temporaryDirectory().path
            let options = FetchOptions(directory: directory, workers: 3, format: .envelope, pageSize: 4)
            let report = try Fetcher(configuration: try emulatorConfiguration(running), options: options).run()
            #expect(report.succeeded)
            let text = try String(contentsOfFile: directory + "/charges.json", encoding: .utf8)
            let envelope = try JSONParser.parse(text)
            #expect(envelope["object"]?.stringValue == "list")
            #expect(envelope["has_more"]?.boolValue == false)
            #expect(envelope["data"]?.arrayValue?.count == report.manifest.entry(.charges)?.objects)
            #expect((report.manifest.entry(.charges)?.objects ?? 0) == 21)
        }
    }
}

/// A seed folder holding one object of `resource` (the sample's first) whose embedded `list`
/// carries `count` children made from its first child; returns the folder, the parent's id and the children.
func seedWithChildren(_ resource: Resource, list: String, parentField: String, idPrefix: String,
                      count: Int) throws -> (String, String, [StripeJSON.JSONValue]) {
    let seed = try TestEnvironment.temporaryDirectory().path
    let sample = try dumpObjectsAnyForm(sampleDirectory + "/" + resource.fileName)
    let first = try #require(sample.first?.objectValue)
    var children = try #require(first[list]?.objectValue)
    let template = try #require(children["data"]?[0]?.objectValue, "the sample \(resource) has no \(list)")
    let parentID = try #require(first["id"]?.stringValue)
    let data: [StripeJSON.JSONValue] = (0..<count).map { index in
        var child = template
        child.set("id", .string("\(idPrefix)_fetchtest\(String(format: "%03d", index))"))
        child.set(parentField, .string(parentID))
        return .object(child)
    }
    children.set("data", .array(data))
    children.set("has_more", .bool(false))
    var parent = first
    parent.set(list, .object(children))
    try (StripeJSON.JSONValue.object(parent).serialized() + "\n")
        .write(toFile: seed + "/" + resource.fileName, atomically: true, encoding: .utf8)
    return (seed, parentID, data)
}

/// The objects of a dump file in any of the three forms.
func dumpObjectsAnyForm(_ path: String) throws -> [StripeJSON.JSONValue] {
    let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    if let whole = try? JSONParser.parse(text) {
        if let elements = whole.arrayValue { return elements }
        if let elements = whole["data"]?.arrayValue { return elements }
    }
    return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
}
