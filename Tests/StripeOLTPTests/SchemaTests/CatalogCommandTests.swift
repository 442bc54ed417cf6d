import Foundation
import StripeSchema
import Testing
import TestSupport

/// The commands that print the catalog: `stripe-oltp resources` and `stripe-oltp schema`.
@Suite("Catalog commands")
struct CatalogCommandTests {
    @Test("stripe-oltp resources prints the catalog's resources in load order")
    func resourcesCommand() throws {
        let result = try CLI.run(["resources"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == LoadOrder.resources.map(\.rawValue))
    }

    @Test("stripe-oltp schema prints the diagram in either format; an unknown format is a usage error")
    func schemaCommand() throws {
        let mermaid = try CLI.run(["schema"])
        #expect(mermaid.status == 0, "\(mermaid.stderr)")
        #expect(mermaid.stdout == SchemaDiagram.render(.mermaid))
        let dot = try CLI.run(["schema", "--format", "dot"])
        #expect(dot.stdout == SchemaDiagram.render(.dot))
        let bad = try CLI.run(["schema", "--format", "png"])
        #expect(bad.status == 64)
    }
}
