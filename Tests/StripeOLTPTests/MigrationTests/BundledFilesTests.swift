import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

@Suite("the migrations, the populate fixture and the generate templates are built into the executable")
struct BundledFilesTests {
    @Test("the built-in migrations are exactly the files of migrations/, byte for byte")
    func migrationsMatchFolder() throws {
        let folder = try MigrationSet(directory: TestEnvironment.migrationsDirectory)
        let bundled = try MigrationSet.bundled()
        #expect(bundled.files.map(\.fileName) == folder.files.map(\.fileName))
        #expect(bundled.files.map(\.checksum) == folder.files.map(\.checksum))
        #expect(bundled.directory == nil && bundled.origin == MigrationSet.bundledOrigin)
    }

    @Test("the built-in populate fixture is fixtures/populate.json")
    func fixtureMatchesFile() throws {
        let file = try PopulateFixture.load(
            path: TestEnvironment.fixturesDirectory.appendingPathComponent("populate.json").path)
        #expect(try PopulateFixture.bundled() == file)
    }

    @Test("generate run from an empty folder uses the built-in templates: the same bytes as with --templates fixtures/stripe-shapes.json")
    func generateFromEmptyFolder() throws {
        let empty = try TestEnvironment.temporaryDirectory()
        let builtIn = empty.appendingPathComponent("built-in")
        let fromFile = try TestEnvironment.temporaryDirectory().appendingPathComponent("from-file")
        let first = try CLI.run(["generate", "--customers", "4", "--out", builtIn.path], directory: empty)
        #expect(first.status == 0, "\(first.stderr)")
        let templates = TestEnvironment.fixturesDirectory.appendingPathComponent("stripe-shapes.json").path
        let second = try CLI.run(["generate", "--customers", "4", "--out", fromFile.path, "--templates", templates])
        #expect(second.status == 0, "\(second.stderr)")
        for resource in Resource.allCases {
            let a = try Data(contentsOf: builtIn.appendingPathComponent(resource.fileName))
            let b = try Data(contentsOf: fromFile.appendingPathComponent(resource.fileName))
            #expect(a == b, "\(resource.fileName)")
        }
        #expect(try !Data(contentsOf: builtIn.appendingPathComponent(Resource.customers.fileName)).isEmpty)
    }

    @Test("migrate up run from an empty folder migrates a fresh database with every file of migrations/", .needsDatabase)
    func migrateFromEmptyFolder() throws {
        let empty = try TestEnvironment.temporaryDirectory()
        try TestDatabase.with(migrated: false) { db in
            let run = try CLI.run(["migrate", "up", "--database-url", db.url], directory: empty)
            #expect(run.status == 0, "\(run.stderr)")
            let connection = try db.connect()
            let versions = try connection.query("SELECT version::text AS v FROM stripe_oltp.schema_migrations ORDER BY version")
                .rows.compactMap { $0["v"] }
            let expected = try MigrationSet(directory: TestEnvironment.migrationsDirectory).files.map { String($0.version) }
            #expect(versions == expected)
            let status = try CLI.run(["migrate", "verify", "--database-url", db.url], directory: empty)
            #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        }
    }
}
