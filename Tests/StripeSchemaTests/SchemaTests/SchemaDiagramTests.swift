import Foundation
import PureTestSupport
import StripeSchema
import Testing

/// The diagram draws the catalog (`CatalogCommandTests` runs `stripe-oltp schema`), and the pictures committed in docs/ are current.
@Suite("Entity-relationship diagram")
struct SchemaDiagramTests {
    /// Every table of schema `stripe` the catalog declares, children included.
    static var tables: [String] {
        Resource.allCases.flatMap { [$0.tableName] + ResourceSpec.of($0).children.map(\.tableName) }
    }

    @Test("the mermaid diagram has every table and one edge per foreign key, child links included")
    func mermaidContent() {
        let text = SchemaDiagram.render(.mermaid)
        #expect(text.hasPrefix("erDiagram\n"))
        for table in Self.tables { #expect(text.contains("    \(table) {"), "\(table) is missing") }
        #expect(text.contains("    credit_notes ||--o{ credit_note_lines : credit_note_id"))
        #expect(text.contains("    checkout_sessions ||--o{ checkout_session_line_items : checkout_session_id"))
        #expect(text.contains("    prices |o--o{ checkout_session_line_items : price_id"))
        #expect(text.contains("    invoices |o--o{ credit_notes : invoice_id"))
        // A reference to a resource without a table is a column, not an edge.
        #expect(text.contains("text customer_balance_transaction_id\n"))
        #expect(!text.contains(": customer_balance_transaction_id"))
        #expect(text.contains("    refunds |o--o{ credit_notes : refund_id"))
        var references = 0
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            references += spec.columns.filter { $0.referencedResource != nil }.count
            for child in spec.children { references += 1 + child.columns.filter { $0.referencedResource != nil }.count }
        }
        #expect(text.split(separator: "\n").filter { $0.contains("--o{") }.count == references)
    }

    @Test("the dot diagram has a node per table and an edge per foreign key")
    func dotContent() {
        let text = SchemaDiagram.render(.dot)
        #expect(text.hasPrefix("digraph stripe {"))
        for table in Self.tables { #expect(text.contains("    \(table) [label=<"), "\(table) is missing") }
        #expect(text.contains("credit_note_lines:credit_note_id -> credit_notes:_"))
        #expect(text.contains("checkout_sessions:subscription_id -> subscriptions:_"))
    }

    @Test("the committed docs/schema.dot and docs/schema.mmd are what the catalog draws now", arguments: [
        ("schema.dot", SchemaDiagram.Format.dot), ("schema.mmd", SchemaDiagram.Format.mermaid),
    ])
    func committedPicturesAreCurrent(file: String, format: SchemaDiagram.Format) throws {
        let url = TestFolders.repoRoot.appendingPathComponent("docs").appendingPathComponent(file)
        let committed = try? String(contentsOf: url, encoding: .utf8)
        #expect(committed == SchemaDiagram.render(format),
                "docs/\(file) is stale or missing: run `make schema-diagram` and commit docs/schema.dot, docs/schema.mmd and docs/schema.svg")
    }
}
