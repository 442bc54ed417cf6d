import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a suite or test only when `TEST_DATABASE_URL` names a test server; otherwise it is
    /// skipped with that reason, so the pure tests run on a machine without PostgreSQL.
    public static var needsDatabase: Self {
        .enabled(if: TestEnvironment.testDatabaseURL != nil, TestEnvironment.noDatabaseReason)
    }
}
