import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// `deleted` and `is_placeholder` are part of what check proves: the dump says which objects are
/// live and which are deletion markers, and every row of a dumped object must agree.
@Suite("Integrity check of deleted and placeholder flags", .needsDatabase)
struct CheckDeletionTests {
    /// A customer the sample has, followed in the dump by its deletion marker.
    private static let listedThenDeleted = "cus_1UXdkwcUzGw80v"
    /// A customer the dump holds only as a deletion marker (the sample's copy was loaded before).
    private static let deletedLater = "cus_4fB5qxLdyFVOBq"
    /// A customer the database never saw live: the dump holds only its deletion marker.
    private static let neverSeen = "cus_gone_checktest"

    /// The sample dumps with, in `customers.json`, a marker after `listedThenDeleted`'s live copy, a
    /// marker instead of `deletedLater`'s live copy, and a marker for `neverSeen`.
    private static func dumpWithDeletions() throws -> String {
        let directory = try TestEnvironment.temporaryDirectory()
        for resource in Resource.allCases where resource != .customers {
            let source = try #require(try DumpDirectory(path: IngestFixtures.sampleDirectory).file(for: resource))
            try FileManager.default.copyItem(
                atPath: source, toPath: directory.appendingPathComponent((source as NSString).lastPathComponent).path)
        }
        let customers = try dumpObjectsAnyForm(IngestFixtures.sampleDirectory + "/customers.json")
        let ids = customers.compactMap { $0["id"]?.stringValue }
        try #require(ids.contains(listedThenDeleted) && ids.contains(deletedLater), "the sample's customers changed: \(ids)")
        func marker(_ id: String) -> String { #"{"id":"\#(id)","object":"customer","deleted":true}"# }
        var lines = customers.map { object -> String in
            let id = object["id"]?.stringValue
            return id == deletedLater ? marker(deletedLater) : object.serialized()
        }
        lines += [marker(listedThenDeleted), marker(neverSeen)]
        try (lines.joined(separator: "\n") + "\n")
            .write(to: directory.appendingPathComponent("customers.json"), atomically: true, encoding: .utf8)
        return directory.path
    }

    /// Ingests the sample, then the dump with deletions; runs `damage`; checks the dump with deletions.
    private func checkAfter(_ damage: (PGConnection) throws -> Void) throws -> CheckReport {
        let dump = try Self.dumpWithDeletions()
        return try TestDatabase.with { db in
            let connection = try db.connect()
            for directory in [IngestFixtures.sampleDirectory, dump] {
                let inputs = Ingester.inputs(directory: try DumpDirectory(path: directory))
                #expect(try Ingester(connection: connection).run(inputs, source: directory).succeeded)
            }
            try damage(connection)
            return try IntegrityChecker(connection: try db.connect()).check(directory: try DumpDirectory(path: dump))
        }
    }

    private func customers(_ report: CheckReport) throws -> ResourceCheck {
        try #require(report.resources.first { $0.resource == .customers })
    }

    @Test("deletion markers, loaded as ingest loads them, pass: marked rows keep the content the dump implies")
    func deletionsPass() throws {
        let report = try checkAfter { connection in
            let deleted = try connection.query("SELECT id FROM stripe.customers WHERE deleted AND NOT is_placeholder ORDER BY id")
                .rows.compactMap { $0["id"] }
            #expect(deleted == [Self.deletedLater, Self.listedThenDeleted, Self.neverSeen].sorted())
        }
        let customers = try customers(report)
        #expect(customers.dumpDeletions == 3)
        #expect(report.passed, "\(customers)")
    }

    @Test("a live charge or customer whose row is flipped to deleted is a difference")
    func liveRowMarkedDeleted() throws {
        var charge = ""
        var customer = ""
        let report = try checkAfter { connection in
            charge = try #require(try connection.query("SELECT min(id) FROM stripe.charges").scalar(String.self))
            customer = try #require(try connection.query(
                "SELECT min(id) FROM stripe.customers WHERE NOT deleted AND NOT is_placeholder").scalar(String.self))
            try connection.query("UPDATE stripe.charges SET deleted = true WHERE id = $1", [charge])
            try connection.query("UPDATE stripe.customers SET deleted = true WHERE id = $1", [customer])
        }
        #expect(!report.passed)
        let charges = try #require(report.resources.first { $0.resource == .charges })
        #expect(charges.liveMarkedDeleted.first == [charge])
        #expect(!charges.idsMatch)
        #expect(try customers(report).liveMarkedDeleted.first == [customer])
    }

    @Test("a deletion marker whose row is flipped back to live is a difference")
    func deletionMarkerNotDeleted() throws {
        let report = try checkAfter { connection in
            try connection.query("UPDATE stripe.customers SET deleted = false WHERE id = $1", [Self.neverSeen])
        }
        #expect(!report.passed)
        #expect(try customers(report).notMarkedDeleted.first == [Self.neverSeen])
    }

    @Test("an edited raw of a deletion-marked row is a difference, whether it holds the marker or the last live copy")
    func deletionMarkedRawEdited() throws {
        let report = try checkAfter { connection in
            for id in [Self.neverSeen, Self.listedThenDeleted] {
                try connection.query(#"UPDATE stripe.customers SET raw = raw || '{"name": "tampered"}' WHERE id = $1"#, [id])
            }
        }
        #expect(!report.passed)
        let customers = try customers(report)
        #expect(customers.deletedContentDiffers.first == [Self.listedThenDeleted, Self.neverSeen].sorted())
        #expect(!customers.contentMatches)
    }

    @Test("a dumped object whose row is flagged placeholder is a difference, whatever its deleted flag")
    func dumpedObjectFlaggedPlaceholder() throws {
        var live = ""
        let report = try checkAfter { connection in
            live = try #require(try connection.query(
                "SELECT min(id) FROM stripe.products WHERE NOT deleted").scalar(String.self))
            try connection.query("UPDATE stripe.products SET is_placeholder = true WHERE id = $1", [live])
            try connection.query("UPDATE stripe.customers SET is_placeholder = true WHERE id = $1", [Self.neverSeen])
        }
        #expect(!report.passed)
        let products = try #require(report.resources.first { $0.resource == .products })
        #expect(products.placeholdersInDump.first == [live])
        #expect(try customers(report).placeholdersInDump.first == [Self.neverSeen])
    }

    @Test("the CLI exits 1 when a live row is flipped to deleted, naming it")
    func cliExitsOne() throws {
        try TestDatabase.with { db in
            let ingest = try CLI.run(["ingest", "all", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(ingest.status == 0)
            let victim = try #require(try db.connect().query("SELECT min(id) FROM stripe.charges").scalar(String.self))
            try db.connect().query("UPDATE stripe.charges SET deleted = true WHERE id = $1", [victim])
            let check = try CLI.run(["check", "--dir", IngestFixtures.sampleDirectory, "--database-url", db.url])
            #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("charges: 1 live in the dump but marked deleted in the table: \(victim)"))
        }
    }
}
