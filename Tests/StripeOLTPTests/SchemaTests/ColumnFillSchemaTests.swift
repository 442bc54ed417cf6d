import Foundation
import Postgres
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// The fills the catalog declares (`ColumnFill`) name columns the migrated tables have.
@Suite("Migrated schema against the catalog's column fills", .needsDatabase)
struct ColumnFillSchemaTests {
    private func columns(_ connection: PGConnection, _ table: String) throws -> Set<String> {
        Set(try connection.query("""
            SELECT column_name FROM information_schema.columns WHERE table_schema = 'stripe' AND table_name = $1
            """, [table]).rows.compactMap { $0["column_name"] })
    }

    @Test("every fill names columns of its source and target tables, and the source indexes its link")
    func fillsMatchSchema() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            var fills = 0
            for resource in Resource.allCases {
                for fill in ResourceSpec.of(resource).fills {
                    fills += 1
                    let source = try columns(connection, resource.tableName)
                    #expect(source.isSuperset(of: [fill.via, fill.value, fill.qualifyingColumn, fill.preferredFlag, "created"]))
                    #expect(try columns(connection, fill.target.tableName).contains(fill.column))
                    let indexed = try connection.query("""
                        SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                                       WHERE i.indrelid = $1::regclass AND a.attname = $2)
                        """, [resource.table, fill.via]).scalar(Bool.self)
                    #expect(indexed == true, "\(resource.table).\(fill.via) is indexed")
                }
            }
            #expect(fills >= 1)
        }
    }

    @Test("the column comment of a filled column says where the fill comes from")
    func filledColumnIsDocumented() throws {
        let invoices = try #require(SchemaDocumentation.comments().first { $0.table == "stripe.invoices" })
        let comment = try #require(invoices.columns["payment_intent_id"])
        #expect(comment.contains("`payment_intent`"))
        #expect(comment.contains("filled from stripe.invoice_payments.payment_intent_id"))
    }
}
