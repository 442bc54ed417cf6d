import Logging

extension Logger {
    /// A logger that drops everything: the default of library types given no logger, so a
    /// program that has not set up logging (a test, another tool) sees no output from them.
    public static func silent(_ label: String) -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
