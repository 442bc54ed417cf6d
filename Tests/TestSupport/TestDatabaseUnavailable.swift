/// A database test ran without `TEST_DATABASE_URL`: its suite lacks the `.needsDatabase` trait.
public struct TestDatabaseUnavailable: Error, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    /// What failed and how to fix it.
    public var description: String {
        "no test database: TEST_DATABASE_URL is unset (make test sets it); mark the suite .needsDatabase to skip it then"
    }
}
