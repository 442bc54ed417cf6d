import Foundation
import StripeJSON
import StripeSchema

/// The record a fetch leaves next to its dump files (`manifest.json`): the API version, the account
/// and API base, the mode, per-resource counts, status and cursors, and the event cursor. Ingest reads it to advance the
/// stored cursors; a fetch reads it to resume an unfinished run.
public struct FetchManifest: Sendable, Codable, Equatable {
    /// The manifest's file name in a dump folder.
    public static let fileName = "manifest.json"
    /// The value of `format`.
    public static let formatName = "stripe-oltp-dump"

    /// Always `stripe-oltp-dump`.
    public var format: String
    /// The `Stripe-Version` the objects were fetched with.
    public var apiVersion: String
    /// The account fetched from and the API base; nil in manifests written before accounts were recorded.
    public var account: FetchAccount?
    /// `full` or `incremental`.
    public var mode: String
    /// How the files are written.
    public var fileFormat: FetchFileFormat
    /// When the fetch began (unix seconds).
    public var startedAt: Int
    /// When it ended (unix seconds), successful or not.
    public var finishedAt: Int?
    /// True when every resource is complete.
    public var complete: Bool
    /// One entry per fetched resource, in dependency order.
    public var resources: [FetchManifestResource]
    /// The event cursor.
    public var events: FetchManifestEvents

    /// A manifest for a fetch beginning now.
    public init(apiVersion: String, account: FetchAccount? = nil, mode: String, fileFormat: FetchFileFormat, startedAt: Int,
                resources: [FetchManifestResource], events: FetchManifestEvents) {
        self.format = FetchManifest.formatName
        self.apiVersion = apiVersion
        self.account = account
        self.mode = mode
        self.fileFormat = fileFormat
        self.startedAt = startedAt
        self.complete = false
        self.resources = resources
        self.events = events
    }

    /// The entry of `resource`, if fetched.
    public func entry(_ resource: Resource) -> FetchManifestResource? {
        resources.first { $0.resource == resource }
    }

    /// Reads the manifest of `directory`; nil when there is none.
    public static func read(directory: String) throws -> FetchManifest? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let manifest = try decoder.decode(FetchManifest.self, from: data)
            guard manifest.format == formatName else {
                throw LoaderError.dumpFile(file: path, reason: "is not a stripe-oltp dump manifest (format '\(manifest.format)')")
            }
            return manifest
        } catch let error as LoaderError {
            throw error
        } catch {
            throw LoaderError.dumpFile(file: path, reason: "is not a readable manifest: \(error)")
        }
    }

    /// Writes the manifest into `directory` atomically (a temporary file renamed into place).
    public func write(directory: String) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let path = (directory as NSString).appendingPathComponent(FetchManifest.fileName)
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LoaderError.dumpFile(file: path, reason: "could not be written: \(error)")
        }
    }
}
