/// A corpus folder that does not have the layout the corpus tests expect.
enum CorpusError: Error, CustomStringConvertible {
    /// A dump file that is not one JSON array of objects.
    case notAnArray(file: String)

    /// What is wrong, naming the file.
    var description: String {
        switch self {
        case .notAnArray(let file): return "\(file): expected a JSON array of objects"
        }
    }
}
