import Foundation
import StripeJSON
import StripeOLTP
import TestSupport
import Testing

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

    @Test("an exported but empty ENV counts as unset: ENV=PROD from .env.dev stands")
    func emptyProcessVariableDoesNotOverride() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        try "ENV=PROD\nDATABASE_URL=postgres://a@h/db\n".write(
            to: dir.appendingPathComponent(".env.dev"), atomically: true, encoding: .utf8)
        for empty in ["", " ", "\t"] {
            let settings = Settings(environment: ["ENV": empty, "DATABASE_URL": empty], directory: dir)
            #expect(try settings.deploymentEnvironment() == .prod)
            #expect(settings["DATABASE_URL"] == "postgres://a@h/db")
        }
    }

    @Test("an empty ENV= line in .env.local does not override ENV=PROD from .env.dev")
    func emptyLaterLineDoesNotOverride() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        try "ENV=PROD\n".write(to: dir.appendingPathComponent(".env.dev"), atomically: true, encoding: .utf8)
        try "ENV=\nexport ENV=''\n".write(to: dir.appendingPathComponent(".env.local"), atomically: true, encoding: .utf8)
        #expect(try Settings(environment: [:], directory: dir).deploymentEnvironment() == .prod)
        // A non-empty later value still wins.
        try "ENV=TEST\n".write(to: dir.appendingPathComponent(".env.local"), atomically: true, encoding: .utf8)
        #expect(try Settings(environment: [:], directory: dir).deploymentEnvironment() == .test)
    }

    @Test("an unrecognized ENV is an error, never DEV", arguments: ["production", "prd", "DEV1", "0"])
    func unrecognizedEnvironment(value: String) throws {
        let dir = try TestEnvironment.temporaryDirectory()
        let error = try #require(throws: LoaderError.self) {
            try Settings(environment: ["ENV": value], directory: dir).deploymentEnvironment()
        }
        #expect(error.description.contains("expected DEV, TEST or PROD"))
    }

    @Test("CLI: export ENV= under ENV=PROD in .env.dev refuses migrate reset before connecting")
    func emptyExportedEnvRefusedThroughCLI() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        try "ENV=PROD\nDATABASE_URL=postgres://nobody@127.0.0.1:1/none\n".write(
            to: dir.appendingPathComponent(".env.dev"), atomically: true, encoding: .utf8)
        try "ENV=\n".write(to: dir.appendingPathComponent(".env.local"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["migrate", "reset"], environment: ["ENV": ""], directory: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("refused: 'migrate reset'"), "\(result.stderr)")
        #expect(result.stderr.contains("ENV=PROD"))
        #expect(!result.stderr.contains("Connection refused"))
    }
}
