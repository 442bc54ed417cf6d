import ArgumentParser
import StripeGenerator
import StripeOLTP
import StripeSchema

/// A resource on the command line: its name as files spell it (`payment_methods`, also
/// `payment-methods`); completions list every resource.
extension Resource: ExpressibleByArgument {
    /// Parses a resource name; nil for an unknown one.
    public init?(argument: String) {
        self.init(name: argument)
    }
}

/// `fetch --format ndjson|envelope`.
extension FetchFileFormat: ExpressibleByArgument {}

/// `generate --format ndjson|envelope|array`.
extension SyntheticDumpFormat: ExpressibleByArgument {}

/// `migrate mark-environment DEV|TEST|PROD`, in any letter case.
extension DeploymentEnvironment: ExpressibleByArgument {
    /// Parses `DEV`, `TEST` or `PROD` in any letter case.
    public init?(argument: String) {
        self.init(name: argument)
    }
}
