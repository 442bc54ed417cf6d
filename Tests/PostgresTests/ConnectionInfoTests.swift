import Postgres
import Testing

/// Connection strings are shown only as libpq parses them, without secrets; the free-text
/// scrubber catches the shapes that slip past a pattern.
@Suite("Connection string redaction")
struct ConnectionInfoTests {
    @Test("keyword form with spaces around '=' and quoted values is shown without its password",
          arguments: [
              "host=127.0.0.1 user=u password = S3cretKw dbname=d",
              "host=127.0.0.1 user=u password='S3cret Kw with spaces' dbname=d",
              "host=127.0.0.1 user=u password = 'S3cret \\' Kw' dbname=d",
              "dbname=d host=127.0.0.1 sslpassword=S3cretKw user=u password=S3cretKw",
          ])
    func keywordForm(text: String) throws {
        let info = try ConnectionInfo(parsing: text)
        #expect(info.fields["host"] == "127.0.0.1")
        #expect(info.fields["user"] == "u")
        #expect(info.fields["dbname"] == "d")
        #expect(info.fields["password"] == nil)
        #expect(info.fields["sslpassword"] == nil)
        #expect(!info.redacted.contains("S3cret"))
        #expect(!ConnectionURL.redacted(text).contains("S3cret"))
        #expect(ConnectionURL.redacted(text).hasPrefix("postgres://u:***@127.0.0.1/d"))
    }

    @Test("a URL whose password holds a raw '?' (libpq reads it whole) is shown without it")
    func rawQuestionMark() throws {
        let text = "postgres://stripe:Qm7?Zr9x@127.0.0.1:5435/db?sslmode=disable"
        let info = try ConnectionInfo(parsing: text)
        #expect(info.hasPassword)
        #expect(info.redacted == "postgres://stripe:***@127.0.0.1:5435/db?sslmode=disable")
        #expect(!ConnectionURL.scrub("failed on \(text) today").contains("Qm7"))
        #expect(!ConnectionURL.scrub("failed on \(text) today").contains("Zr9x"))
    }

    @Test("a URL whose password holds a raw '/' or '@' is refused without echoing it",
          arguments: [
              "postgres://stripe:Qm7/Zr9x@127.0.0.1:5435/db",
              "postgres://stripe:12/Zr9x@127.0.0.1:5435/db",
              "postgres://stripe:Qm7@Zr9x@127.0.0.1:5435/db",
              "postgres://stripe:Qm7?Zr9x/Yy@127.0.0.1:5435/db",
          ])
    func rawSlashOrAt(text: String) throws {
        let error = try #require(throws: ConnectionStringError.self) { try ConnectionInfo(parsing: text) }
        #expect(!error.description.contains("Qm7") && !error.description.contains("Zr9x"))
        #expect(ConnectionURL.redacted(text) == ConnectionURL.unparseable)
        let connectError = try #require(throws: PGError.self) { try PGConnection(url: text) }
        #expect(!connectError.description.contains("Zr9x"))
        #expect(!ConnectionURL.scrub("using \(text)").contains("Zr9x"))
    }

    @Test("a string libpq cannot parse is refused without echoing it")
    func unparseable() throws {
        for text in ["not a connection S3cretWord", "host=h password='unterminated S3cretWord", "postgres://h/db?S3cretWord"] {
            let error = try #require(throws: ConnectionStringError.self) { try ConnectionInfo(parsing: text) }
            #expect(!error.description.contains("S3cretWord"))
            let connectError = try #require(throws: PGError.self) { try PGConnection(url: text) }
            #expect(!connectError.description.contains("S3cretWord"))
        }
    }

    @Test("the free-text scrubber removes keyword passwords with spaces, quotes and any case")
    func scrubKeywordShapes() {
        let cases = [
            "host=h password = S3cret dbname=d",
            "host=h password='a b S3cret c' dbname=d",
            "host=h password = \"S3cret x\" dbname=d",
            "host=h PASSWORD=S3cret",
            "sslpassword=S3cret host=h",
            "postgres://u:a/S3cret@h/db",
            "(postgres://u:a?S3cret@h:5432/db)",
        ]
        for text in cases {
            let scrubbed = ConnectionURL.scrub(text)
            #expect(!scrubbed.contains("S3cret"), "\(scrubbed)")
            #expect(scrubbed.contains("h"))
        }
        #expect(ConnectionURL.scrub("host=h password='a b c' dbname=d") == "host=h password=*** dbname=d")
        #expect(ConnectionURL.scrub("password authentication failed for user \"u\"") == "password authentication failed for user \"u\"")
    }
}
