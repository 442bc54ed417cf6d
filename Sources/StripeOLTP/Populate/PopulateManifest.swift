import Foundation
import StripeHTTP

/// The record a populate run writes (`populate-manifest.json` by default): every fixture key
/// with its Stripe id and expected final state, so later steps (fetch, ingest, check) know
/// what the account should hold.
public struct PopulateManifest: Codable, Sendable, Equatable {
    /// The default file name.
    public static let defaultPath = "populate-manifest.json"

    /// Manifest format version (1).
    public var version = 1
    /// When the run finished, ISO 8601 in UTC.
    public var generatedAt: String
    /// The API base the objects live behind (`STRIPE_API_BASE` without any `user:password@`).
    public var apiBase: String
    /// Whether the run recreated subscriptions (`--force`).
    public var force: Bool
    /// The generation recreated subscriptions carry in `metadata[fixture_generation]` (nil without `--force`).
    public var generation: String?
    /// Entries by fixture key.
    public var objects: [String: PopulateManifestEntry]
    /// Subscriptions this run canceled before recreating them.
    public var canceledSubscriptions: [String]
    /// Per-resource counts.
    public var counts: [String: PopulateCounts]

    /// The JSON field names.
    enum CodingKeys: String, CodingKey {
        case version, force, generation, objects, counts
        case generatedAt = "generated_at"
        case apiBase = "api_base"
        case canceledSubscriptions = "canceled_subscriptions"
    }

    /// Creates a manifest; any user information in `apiBase` is dropped, so it is never written.
    public init(generatedAt: String, apiBase: String, force: Bool, generation: String?,
                objects: [String: PopulateManifestEntry], canceledSubscriptions: [String], counts: [String: PopulateCounts]) {
        self.generatedAt = generatedAt
        self.apiBase = URLUserinfo.removed(from: apiBase)
        self.force = force
        self.generation = generation
        self.objects = objects
        self.canceledSubscriptions = canceledSubscriptions
        self.counts = counts
    }

    /// The manifest as pretty JSON with sorted keys (stable for diffs).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Writes the manifest to `path` atomically.
    public func write(to path: String) throws {
        do {
            var data = try encoded()
            data.append(0x0A)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PopulateError.manifest(file: path, reason: "cannot be written (\(error.localizedDescription))")
        }
    }

    /// Reads a manifest written by an earlier run; nil when the file is absent or unreadable.
    public static func read(from path: String) -> PopulateManifest? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return nil }
        return try? JSONDecoder().decode(PopulateManifest.self, from: data)
    }
}
