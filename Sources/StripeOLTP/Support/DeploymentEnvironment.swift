/// Where the loader runs; destructive and populating commands are refused in production.
public enum DeploymentEnvironment: String, Sendable, CaseIterable {
    /// A developer's machine (the default).
    case dev = "DEV"
    /// A test or CI machine.
    case test = "TEST"
    /// Production: only reading and loading commands run.
    case prod = "PROD"

    /// Parses `DEV`, `TEST` or `PROD` in any letter case.
    public init?(name: String) {
        self.init(rawValue: name.trimmingCharacters(in: .whitespaces).uppercased())
    }
}
