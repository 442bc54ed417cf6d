import ArgumentParser
import StripeOLTP
import StripeSchema

/// `stripe-oltp schema --format mermaid|dot`: the entity-relationship diagram of schema `stripe`
/// from the catalog (tables, key columns, foreign keys), on standard output.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the entity-relationship diagram of schema stripe, drawn from the catalog.",
        discussion: "make schema-diagram writes docs/schema.dot, docs/schema.mmd and docs/schema.svg (graphviz) from it.")

    @Option(name: .long, help: "mermaid (an erDiagram) or dot (graphviz).")
    var format: SchemaDiagram.Format = .mermaid

    func run() throws {
        print(SchemaDiagram.render(format), terminator: "")
    }
}

extension SchemaDiagram.Format: ExpressibleByArgument {}
