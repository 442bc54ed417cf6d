/// Every failure of the loader core, each saying what failed and on which input.
public enum LoaderError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A setting is missing or has a value that cannot be used.
    case configuration(String)
    /// A migration file or the migration ledger is not in a state that can be applied.
    case migration(file: String, reason: String)
    /// A destructive or populating command was refused by the safety guard.
    case refused(command: String, reason: String)
    /// A dump file could not be read (missing, unreadable, not decompressible).
    case dumpFile(file: String, reason: String)
    /// A dump file is not well-formed JSON at the given place.
    case malformedJSON(file: String, offset: Int, line: Int, reason: String)
    /// An object could not be turned into rows.
    case transform(objectID: String?, field: String, reason: String)
    /// A command was given arguments it cannot use.
    case usage(String)
    /// Fetching from Stripe failed for the request named.
    case fetch(request: String, reason: String)

    /// A message naming the input and the reason.
    public var description: String {
        switch self {
        case .configuration(let message):
            return "configuration: \(message)"
        case .migration(let file, let reason):
            return "migration \(file): \(reason)"
        case .refused(let command, let reason):
            return "refused: '\(command)' \(reason)"
        case .dumpFile(let file, let reason):
            return "dump \(file): \(reason)"
        case .malformedJSON(let file, let offset, let line, let reason):
            return "malformed JSON in \(file) at byte \(offset) (line \(line)): \(reason)"
        case .transform(let objectID, let field, let reason):
            return "object \(objectID ?? "<no id>") field '\(field)': \(reason)"
        case .usage(let message):
            return "usage: \(message)"
        case .fetch(let request, let reason):
            return "fetch \(request): \(reason)"
        }
    }
}
