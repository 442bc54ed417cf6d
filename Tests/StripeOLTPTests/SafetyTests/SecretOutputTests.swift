import Foundation
import Postgres
import StripeEmulator
import StripeHTTP
import StripeJSON
import StripeOLTP
import TestSupport
import Testing

/// Database passwords, API-base user information and Stripe keys never appear in what the
/// commands print or write, whatever shape they come in.
@Suite("Secrets in output", .needsDatabase)
struct SecretOutputTests {
    /// `host=… port=… user=… dbname=…` for `db`, built from its URL.
    private func keywordForm(_ db: TestDatabase) throws -> String {
        let fields = try ConnectionInfo(parsing: db.url).fields
        return ["host", "port", "user", "dbname"].compactMap { key in fields[key].map { "\(key)=\($0)" } }.joined(separator: " ")
    }

    /// `postgres://user:<password>@host:port/dbname` for `db`, the password inserted raw.
    private func url(_ db: TestDatabase, rawPassword: String) throws -> String {
        let fields = try ConnectionInfo(parsing: db.url).fields
        return "postgres://\(fields["user"] ?? "stripe"):\(rawPassword)@\(fields["host"] ?? "127.0.0.1"):\(fields["port"] ?? "5432")/\(db.name)"
    }

    @Test("a keyword-form DATABASE_URL (spaces around '=', quoted password) is used and its password never printed",
          arguments: ["password = S3cretKwPw", "password='a b S3cretKwPw c'", "password = 'S3cretKwPw d'"])
    func keywordDatabaseURL(password: String) throws {
        try TestDatabase.with { db in
            let connection = try keywordForm(db) + " " + password
            for result in [
                try CLI.run(["migrate", "up"], environment: ["DATABASE_URL": connection]),
                try CLI.run(["migrate", "up", "--database-url", connection]),
            ] {
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("migrate: 127.0.0.1:"), "names the database it writes to: \(result.stdout)")
                #expect(result.stdout.contains("\(db.name) up to date"), "\(result.stdout)")
                #expect(!(result.stdout + result.stderr).contains("S3cretKwPw"))
            }
        }
    }

    @Test("a URL whose password holds a raw '?' connects and its password is never printed")
    func rawQuestionMarkPassword() throws {
        try TestDatabase.with { db in
            let result = try CLI.run(["migrate", "up"], environment: ["DATABASE_URL": try url(db, rawPassword: "Qm7?Zr9xPw")])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("up to date"))
            #expect(!(result.stdout + result.stderr).contains("Zr9xPw"))
            #expect(!(result.stdout + result.stderr).contains("Qm7"))
        }
    }

    @Test("a URL whose password holds a raw '/' is refused naming the variable, never echoing the password")
    func rawSlashPassword() throws {
        try TestDatabase.with { db in
            let value = try url(db, rawPassword: "Qm7/Zr9xPw")
            for (result, name) in [
                (try CLI.run(["migrate", "up"], environment: ["DATABASE_URL": value]), "DATABASE_URL"),
                (try CLI.run(["migrate", "up", "--database-url", value]), "--database-url"),
            ] {
                #expect(result.status != 0)
                #expect(result.stderr.contains(name), "\(result.stderr)")
                #expect(result.stderr.contains("%2F"))
                #expect(!(result.stdout + result.stderr).contains("Zr9xPw"))
                #expect(!(result.stdout + result.stderr).contains("Qm7"))
            }
        }
    }

    @Test("a DATABASE_URL libpq cannot parse is refused with an error that does not echo it")
    func unparseableDatabaseURL() throws {
        for value in ["not a url S3cretWord", "postgres://h/db?S3cretWord"] {
            let result = try CLI.run(["migrate", "status"], environment: ["DATABASE_URL": value])
            #expect(result.status != 0)
            #expect(result.stderr.contains("DATABASE_URL"), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("S3cretWord"))
            let test = try CLI.run(["migrate", "status", "--test"], environment: ["TEST_DATABASE_URL": value])
            #expect(test.status != 0)
            #expect(test.stderr.contains("TEST_DATABASE_URL"), "\(test.stderr)")
            #expect(!(test.stdout + test.stderr).contains("S3cretWord"))
        }
    }

    @Test("a failed connection in keyword form names the server but not the password")
    func keywordConnectionFailure() throws {
        let value = "host=127.0.0.1 port=1 user=u password = 'S3cret KwPw' dbname=none connect_timeout=2"
        let result = try CLI.run(["migrate", "up"], environment: ["DATABASE_URL": value])
        #expect(result.status != 0)
        #expect(result.stderr.contains("127.0.0.1"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("S3cret"))
        #expect(!(result.stdout + result.stderr).contains("KwPw"))
    }

    @Test("populate strips STRIPE_API_BASE's user information from the manifest and never prints it")
    func populateStripsUserinfo() async throws {
        try await PopulateEmulator.with { running in
            let path = try TestEnvironment.temporaryDirectory().appendingPathComponent("manifest.json").path
            var environment = PopulateEmulator.cliEnvironment(running)
            environment["STRIPE_API_BASE"] = running.baseURL.replacingOccurrences(of: "http://", with: "http://proxyuser:Pw55secret@")
            let result = try CLI.run(["populate", "--manifest", path], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("Pw55secret"))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains("Pw55secret"))
            #expect(!text.contains("proxyuser"))
            #expect(PopulateManifest.read(from: path)?.apiBase == running.baseURL)
        }
    }

    @Test("user information is removed from API bases, and an ambiguous one is refused without echoing it")
    func apiBaseUserinfo() throws {
        #expect(URLUserinfo.removed(from: "https://u:p@api.example.com/v1?x=1") == "https://api.example.com/v1?x=1")
        #expect(URLUserinfo.removed(from: "https://api.example.com") == "https://api.example.com")
        let manifest = PopulateManifest(generatedAt: "t", apiBase: "https://u:Pw55secret@h", force: false, generation: nil,
                                        objects: [:], canceledSubscriptions: [], counts: [:])
        #expect(manifest.apiBase == "https://h")
        let error = try #require(throws: HTTPError.self) {
            try StripeClientConfiguration(apiKey: "sk_test_abc", baseURL: "https://u:Pw/55secret@h")
        }
        #expect(!error.description.contains("55secret"))
        let transport = HTTPError.transport(url: "https://u:Pw55secret@h/v1/x", code: 7, message: "refused")
        #expect(!transport.description.contains("Pw55secret"))
    }

    @Test("a key holding '-', '/' or '+' is redacted whole from free text")
    func redactsMalformedKeyWhole() {
        let redacted = Secrets.redact("Bearer sk_test_Abc-Def/Ghi+Jkl, and (rk_live_Mno-Pqr) end")
        for fragment in ["Abc", "Def", "Ghi", "Jkl", "Mno", "Pqr"] {
            #expect(!redacted.contains(fragment), "\(redacted)")
        }
        #expect(redacted == "Bearer sk_test•••, and (rk_live•••) end")
    }

    /// Keys that would put a line break, a space or another control character into a header.
    static let malformedKeys = [
        "sk_test_fetchtests4242\nX-Injected: yes", "sk_test_fetchtests4242\r\n", "sk_test_fetch tests4242",
        "sk_test_fetchtests4242\t", "sk_test_fetch\u{0}tests4242", "sk_test_fetchtests4242\u{7F}", "sk_test_fetch\u{A0}tests4242",
    ]

    @Test("a key holding a newline, space or other control character is refused and not shown", arguments: malformedKeys)
    func malformedKeyRefused(key: String) throws {
        let error = try #require(throws: HTTPError.self) {
            try StripeClientConfiguration(apiKey: key, baseURL: "http://127.0.0.1:1")
        }
        #expect(error.description.contains("STRIPE_SECRET_KEY holds a character that cannot"))
        #expect(!error.description.contains("fetchtests4242") && !error.description.contains("tests4242"))
        let refusal = try #require(throws: LoaderError.self) {
            try SafetyGuard(environment: .dev).authorizeStripe("populate", apiKey: key)
        }
        #expect(refusal.description.contains("refused: 'populate'"))
        #expect(!refusal.description.contains("tests4242"))
    }

    @Test("fetch and populate with a key holding a newline send no request and do not print the key")
    func malformedKeySendsNothing() async throws {
        try await withEmulator { running in
            let key = "sk_test_fetchtests4242\nX-Injected: yes"
            let fetched = try CLI.run(["fetch", "--full", "--out", try TestEnvironment.temporaryDirectory().path],
                                      environment: fetchEnvironment(running, key: key))
            #expect(fetched.status != 0)
            #expect(fetched.stderr.contains("STRIPE_SECRET_KEY holds a character that cannot"), "\(fetched.stderr)")
            #expect(!(fetched.stdout + fetched.stderr).contains("fetchtests4242"))
            let populated = try CLI.run(["populate", "--manifest", try TestEnvironment.temporaryDirectory().appendingPathComponent("m.json").path],
                                        environment: PopulateEmulator.cliEnvironment(running, key: key))
            #expect(populated.status != 0)
            #expect(populated.stderr.contains("refused: 'populate'"), "\(populated.stderr)")
            #expect(!(populated.stdout + populated.stderr).contains("fetchtests4242"))
            #expect(running.emulator.requestLog.isEmpty)
        }
    }
}
