/// Proof that `SafetyGuard` allowed a destructive or populating command; such operations
/// take one, so they cannot run without passing the guard.
public struct DestructiveAuthorization: Sendable {
    /// The command that was allowed (e.g. `migrate reset`).
    public let command: String

    init(command: String) {
        self.command = command
    }
}
