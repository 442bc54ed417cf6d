import Postgres
import StripeOLTP
import Testing

/// How a connection bound to another schema rewrites the statements written for `stripe` and
/// `stripe_oltp`, and which schema names are accepted.
@Suite("Schema names and the statement rewriter")
struct SchemaRewriterTests {
    private static func rewrite(_ sql: String, _ name: String = "stripe_test") throws -> String {
        try SchemaName(name).rewrite(sql)
    }

    @Test("qualified names and bare schema names move to NAME and NAME_oltp; columns and longer identifiers stay")
    func code() throws {
        #expect(try Self.rewrite("SELECT c.stripe, stripe_id FROM stripe.customers c JOIN stripe_oltp.ingest_runs r ON true")
                == "SELECT c.stripe, stripe_id FROM stripe_test.customers c JOIN stripe_test_oltp.ingest_runs r ON true")
        #expect(try Self.rewrite("CREATE SCHEMA IF NOT EXISTS stripe; DROP SCHEMA IF EXISTS stripe_oltp CASCADE;")
                == "CREATE SCHEMA IF NOT EXISTS stripe_test; DROP SCHEMA IF EXISTS stripe_test_oltp CASCADE;")
        #expect(try Self.rewrite(#"SELECT * FROM "stripe".x WHERE y = $1"#) == #"SELECT * FROM "stripe_test".x WHERE y = $1"#)
        #expect(try Self.rewrite("SELECT stripe.to_major(1, 'usd')") == "SELECT stripe_test.to_major(1, 'usd')")
    }

    @Test("a quoted identifier after a dot is a column, and a quoted name in another case is another schema")
    func quotedIdentifiers() throws {
        #expect(try Self.rewrite(#"SELECT t."stripe", t."stripe_oltp" FROM stripe.t"#)
                == #"SELECT t."stripe", t."stripe_oltp" FROM stripe_test.t"#)
        #expect(try Self.rewrite(#"SELECT 1 FROM "Stripe".x, "STRIPE_OLTP".y, "stripe_oltp".z"#)
                == #"SELECT 1 FROM "Stripe".x, "STRIPE_OLTP".y, "stripe_test_oltp".z"#)
    }

    @Test("literals that name a schema or a qualified name move; host names, other text and comments stay")
    func literals() throws {
        #expect(try Self.rewrite("SELECT to_regnamespace('stripe'), to_regclass('stripe_oltp.event_log'), 'stripe'::regnamespace")
                == "SELECT to_regnamespace('stripe_test'), to_regclass('stripe_test_oltp.event_log'), 'stripe_test'::regnamespace")
        #expect(try Self.rewrite("EXECUTE format('ALTER TABLE stripe.%I SET x', t)") == "EXECUTE format('ALTER TABLE stripe_test.%I SET x', t)")
        #expect(try Self.rewrite("SELECT 'https://api.stripe.com', 'see stripe.com', 'it''s stripe data' -- stripe.customers\n")
                == "SELECT 'https://api.stripe.com', 'see stripe.com', 'it''s stripe data' -- stripe.customers\n")
        #expect(try Self.rewrite("/* stripe.customers /* nested stripe. */ */ SELECT 1") == "/* stripe.customers /* nested stripe. */ */ SELECT 1")
    }

    @Test("dollar-quoted bodies are code: the tables they name move too")
    func dollarQuoted() throws {
        let body = "CREATE FUNCTION stripe.f() RETURNS int LANGUAGE sql AS $$ SELECT count(*) FROM stripe_oltp.currencies $$; DO $x$ BEGIN PERFORM 1; END $x$;"
        #expect(try Self.rewrite(body)
                == "CREATE FUNCTION stripe_test.f() RETURNS int LANGUAGE sql AS $$ SELECT count(*) FROM stripe_test_oltp.currencies $$; DO $x$ BEGIN PERFORM 1; END $x$;")
    }

    @Test("the default schema sends statements unchanged and keeps stripe_oltp for bookkeeping")
    func binding() throws {
        let schema = try SchemaName("stripe_test")
        #expect(schema.bookkeeping == "stripe_test_oltp")
        #expect(SchemaName.default.isDefault && SchemaName.default.bookkeeping == "stripe_oltp")
        #expect(try SchemaName("stripe").isDefault)
        #expect(SchemaName.default.rewrite("SELECT 1 FROM stripe.customers") == "SELECT 1 FROM stripe.customers")
    }

    @Test("names that are not lowercase identifiers, too long, reserved or bookkeeping-like are refused with the reason",
          arguments: ["", "Stripe", "1abc", "stripe-test", "pg_stripe", "public", "information_schema", "stripe_oltp", "x_oltp",
                      String(repeating: "a", count: 51), "stripe; DROP"])
    func refusedNames(_ name: String) throws {
        #expect(throws: SchemaNameError.self) { try SchemaName(name) }
        #expect(SchemaName.problem(with: name) != nil)
    }

    @Test("STRIPE_SCHEMA sets the schema, default stripe; a bad value is a configuration error naming it")
    func settings() throws {
        #expect(try Settings(values: [:]).schema() == .default)
        #expect(try Settings(values: ["STRIPE_SCHEMA": "stripe_test"]).schema().data == "stripe_test")
        #expect { try Settings(values: ["STRIPE_SCHEMA": "Bad-Name"]).schema() } throws: { error in
            "\(error)".contains("STRIPE_SCHEMA") && "\(error)".contains("Bad-Name")
        }
    }
}
