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
