import ArgumentParser
import StripeOLTP
import StripeSchema

/// What `ingest` loads: `all` (every resource of a dump folder, in dependency order) or one resource.
enum IngestTarget: Equatable, Sendable, ExpressibleByArgument, CustomStringConvertible {
    /// Every resource.
    case all
    /// One resource.
    case one(Resource)

    /// Parses `all` or a resource name; nil for anything else (ArgumentParser lists the choices).
    init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let resource = Resource(name: argument) {
            self = .one(resource)
        } else {
            return nil
        }
    }

    /// `all` and every resource name, for the error message, the help and shell completions.
    static var allValueStrings: [String] {
        ["all"] + Resource.allCases.map(\.rawValue)
    }

    /// The resources it names: every one in load order for `all`.
    var resources: [Resource] {
        switch self {
        case .all: LoadOrder.resources
        case .one(let resource): [resource]
        }
    }

    /// Shell completions offer `all` and every resource name.
    static var defaultCompletionKind: CompletionKind {
        .list(allValueStrings)
    }

    /// `all` or the resource's name.
    var description: String {
        switch self {
        case .all: "all"
        case .one(let resource): resource.rawValue
        }
    }
}
