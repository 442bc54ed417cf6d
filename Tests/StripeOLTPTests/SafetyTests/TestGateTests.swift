import Foundation
import StripeOLTP
import Testing
import TestSupport

/// The database tests run exactly when `TEST_DATABASE_URL` is set; the pure tests always run.
@Suite("Database test gate")
struct TestGateTests {
    @Test("only TEST_DATABASE_URL names the test server; PG_TEST_PORT alone does not")
    func gate() {
        #expect(TestEnvironment.testDatabaseURL(in: Settings(values: [:])) == nil)
        #expect(TestEnvironment.testDatabaseURL(in: Settings(values: ["PG_TEST_PORT": "5435"])) == nil)
        #expect(TestEnvironment.testDatabaseURL(in: Settings(values: ["TEST_DATABASE_URL": " "])) == nil)
        let url = "postgres://stripe@127.0.0.1:5435/stripe_db_test"
        #expect(TestEnvironment.testDatabaseURL(in: Settings(values: ["TEST_DATABASE_URL": url])) == url)
    }

    @Test("make test sets TEST_DATABASE_URL, so CI runs every database test")
    func makeTestSetsIt() throws {
        let makefile = try String(contentsOf: TestEnvironment.repoRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        let recipe = makefile.components(separatedBy: "\ntest:").dropFirst().first?.components(separatedBy: "\n\n").first ?? ""
        #expect(recipe.contains(#"TEST_DATABASE_URL="$$(scripts/env.sh database-url test)""#), "\(recipe)")
    }
}
