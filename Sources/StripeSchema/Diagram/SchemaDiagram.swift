/// The entity-relationship diagram of schema `stripe`, drawn from the catalog alone: every
/// resource table and child table with its key columns (id, parent id, references), and every
/// foreign key — declared references, child-to-parent links, and references from child tables.
///
/// References declared without a target table (`.reference(nil)`) are listed as plain columns and
/// draw no edge. The output is deterministic: tables in load order, columns in catalog order.
public enum SchemaDiagram {
    /// An output format of `stripe-oltp schema`.
    public enum Format: String, Sendable, CaseIterable {
        /// Mermaid `erDiagram` text, which GitHub renders inline.
        case mermaid
        /// Graphviz `dot` text, for `dot -Tsvg`.
        case dot
    }

    /// One table of the diagram.
    struct Table {
        var name: String
        /// The columns shown: the key, then references, in catalog order.
        var columns: [(name: String, type: String, role: String)]
    }

    /// One foreign key: `from.column` → `to`.
    struct Edge {
        var from: String
        var column: String
        var to: String
        /// True for a child table's link to its parent (one parent, many children, always set).
        var isChild: Bool
    }

    /// The diagram text in `format`.
    public static func render(_ format: Format) -> String {
        let (tables, edges) = model()
        switch format {
        case .mermaid: return mermaid(tables, edges)
        case .dot: return dot(tables, edges)
        }
    }

    /// The tables and foreign keys the catalog declares.
    static func model() -> ([Table], [Edge]) {
        var tables: [Table] = []
        var edges: [Edge] = []
        for resource in Resource.allCases {
            let spec = ResourceSpec.of(resource)
            tables.append(Table(name: resource.tableName, columns: [("id", "text", "PK")] + references(spec.columns)))
            edges += spec.columns.compactMap { column in
                column.referencedResource.map { Edge(from: resource.tableName, column: column.name, to: $0.tableName, isChild: false) }
            }
            for child in spec.children {
                let key = child.idIsGloballyUnique ? [("id", "text", "PK"), (child.parentColumn, "text", "FK")]
                    : [(child.parentColumn, "text", "PK, FK"), ("id", "text", "PK")]
                tables.append(Table(name: child.tableName, columns: key + references(child.columns)))
                edges.append(Edge(from: child.tableName, column: child.parentColumn, to: resource.tableName, isChild: true))
                edges += child.columns.compactMap { column in
                    column.referencedResource.map { Edge(from: child.tableName, column: column.name, to: $0.tableName, isChild: false) }
                }
            }
        }
        return (tables, edges)
    }

    private static func references(_ columns: [Column]) -> [(name: String, type: String, role: String)] {
        columns.compactMap { column in
            guard case .reference(let target) = column.kind else { return nil }
            return (column.name, "text", target == nil ? "" : "FK")
        }
    }

    private static func mermaid(_ tables: [Table], _ edges: [Edge]) -> String {
        var lines = ["erDiagram"]
        for table in tables {
            lines.append("    \(table.name) {")
            for column in table.columns {
                lines.append("        \(column.type) \(column.name)\(column.role.isEmpty ? "" : " \(column.role)")")
            }
            lines.append("    }")
        }
        for edge in edges {
            // Child rows always have their parent; a reference may be empty.
            let cardinality = edge.isChild ? "||--o{" : "|o--o{"
            lines.append("    \(edge.to) \(cardinality) \(edge.from) : \(edge.column)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func dot(_ tables: [Table], _ edges: [Edge]) -> String {
        var lines = [
            "digraph stripe {",
            "    graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.4, ranksep=1.1];",
            "    node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];",
            "    edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];",
        ]
        for table in tables {
            var rows = ["<tr><td port=\"_\" bgcolor=\"#dde6f0\"><b>\(table.name)</b></td></tr>"]
            for column in table.columns {
                let role = column.role.isEmpty ? "" : " <i>\(column.role)</i>"
                rows.append("<tr><td port=\"\(column.name)\" align=\"left\">\(column.name)\(role)</td></tr>")
            }
            lines.append("    \(table.name) [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">\(rows.joined())</table>>];")
        }
        for edge in edges {
            let style = edge.isChild ? "arrowhead=normal, penwidth=1.6" : "arrowhead=open, style=dashed"
            lines.append("    \(edge.from):\(edge.column) -> \(edge.to):_ [\(style)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
