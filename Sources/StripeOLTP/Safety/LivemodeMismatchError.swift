/// An object (or event, or API key) of one mode meant for a schema that holds the other: test-mode
/// data into a live-mode schema or the reverse. Nothing of the load it stops is written.
public struct LivemodeMismatchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The schema loaded into.
    public let schema: String
    /// The mode the schema records.
    public let schemaMode: SchemaMode
    /// The offending input's mode.
    public let livemode: Bool
    /// The offending input: `customers.jsonl line 3: object cus_1`, `event evt_1`, `the API key's account acct_1`.
    public let subject: String

    /// Creates the error.
    public init(schema: String, schemaMode: SchemaMode, livemode: Bool, subject: String) {
        self.schema = schema
        self.schemaMode = schemaMode
        self.livemode = livemode
        self.subject = subject
    }

    /// Names the input, its mode, the schema and the schema's mode.
    public var description: String {
        "\(subject) is \(SchemaMode.name(livemode: livemode))-mode data (livemode \(livemode)), but schema \(schema) holds "
            + "\(SchemaMode.name(livemode: schemaMode.livemode))-mode data (recorded by \(schemaMode.recordedBy)); "
            + "refused, nothing of the load was kept: load it into a \(SchemaMode.name(livemode: livemode))-mode schema (--schema NAME)"
    }
}
