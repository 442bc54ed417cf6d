import Foundation
import StripeOLTP
import Testing
import TestSupport

@Suite("Settings and secrets")
struct SettingsTests {
    @Test("dotenv files are read and the process environment wins")
    func environmentWins() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        try """
            # comment
            ENV=TEST
            export DATABASE_URL="postgres://a@h/db"
            EMPTY=
            """.write(to: dir.appendingPathComponent(".env.dev"), atomically: true, encoding: .utf8)
        let fromFile = Settings(environment: [:], directory: dir)
        #expect(fromFile["DATABASE_URL"] == "postgres://a@h/db")
        #expect(try fromFile.deploymentEnvironment() == .test)
        #expect(fromFile["EMPTY"] == nil)
        let overridden = Settings(environment: ["ENV": "prod"], directory: dir)
        #expect(try overridden.deploymentEnvironment() == .prod)
        let bad = Settings(values: ["ENV": "staging"])
        let error = try #require(throws: LoaderError.self) { try bad.deploymentEnvironment() }
        #expect(error.description.contains("staging"))
        #expect(try Settings(values: [:]).deploymentEnvironment() == .dev)
        #expect(throws: LoaderError.self) { try Settings(values: [:]).databaseURL() }
    }

    @Test("environment (non-empty) > .env.local > .env.dev; unset database URLs are made of the PG_ variables")
    func precedence() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        try "PG_DEV_PORT=5434\nPG_TEST_PORT=5435\nPG_USER=stripe\nPG_DEV_DB=dev_db\nSTRIPE_API_BASE=https://api.stripe.com\n"
            .write(to: dir.appendingPathComponent(".env.dev"), atomically: true, encoding: .utf8)
        try "PG_DEV_PORT=6434\nSTRIPE_API_BASE=http://127.0.0.1:12111\n"
            .write(to: dir.appendingPathComponent(".env.local"), atomically: true, encoding: .utf8)
        let local = Settings(environment: ["STRIPE_API_BASE": ""], directory: dir)
        #expect(local["STRIPE_API_BASE"] == "http://127.0.0.1:12111", "an empty variable does not hide the files")
        #expect(try local.databaseURL() == "postgres://stripe@127.0.0.1:6434/dev_db")
        #expect(try local.databaseURL(test: true) == "postgres://stripe@127.0.0.1:5435/stripe_db_test")
        let environment = Settings(environment: ["PG_DEV_PORT": "7434"], directory: dir)
        #expect(try environment.databaseURL() == "postgres://stripe@127.0.0.1:7434/dev_db")
        let explicit = Settings(environment: ["DATABASE_URL": "postgres://x@db.example:5432/other"], directory: dir)
        #expect(try explicit.databaseURL() == "postgres://x@db.example:5432/other")
    }

    @Test("secret keys and URL passwords are redacted from text")
    func redaction() {
        let text = "key " + "sk_live_" + "51HabcDEF123 and rk_test_9xyz, url postgres://u:pw@h/db"
        let redacted = Secrets.redact(text)
        #expect(!redacted.contains("51HabcDEF123"))
        #expect(!redacted.contains("9xyz"))
        #expect(!redacted.contains(":pw@"))
        #expect(redacted.contains("sk_live"))
    }
}
