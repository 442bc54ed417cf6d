import ArgumentParser
import StripeOLTP
import StripeSchema

/// A comma-separated list of resources (`--resources products,prices`), parsed by ArgumentParser
/// through ``parse(_:)``: an unknown name is a usage error naming it.
struct ResourceList: Sendable, Equatable {
    /// The resources, in the order given.
    let resources: [Resource]

    /// Every resource name, for shell completions.
    static var names: [String] { Resource.allCases.map(\.rawValue) }

    /// Parses `a,b,c` (blanks around names ignored); throws a `ValidationError` naming an unknown
    /// resource, or when no resource is named.
    static func parse(_ argument: String) throws -> ResourceList {
        var resources: [Resource] = []
        for name in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let resource = Resource(name: name) else {
                throw ValidationError("unknown resource '\(name)'; expected \(names.joined(separator: ", "))")
            }
            resources.append(resource)
        }
        guard !resources.isEmpty else { throw ValidationError("no resource named") }
        return ResourceList(resources: resources)
    }
}
