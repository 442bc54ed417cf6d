import StripeSchema

/// What the integrity check found for one resource.
public struct ResourceCheck: Sendable, Codable, Equatable {
    /// The resource.
    public var resource: Resource
    /// The dump file compared.
    public var file: String
    /// Distinct objects in the dump (live objects and deletion markers).
    public var dumpObjects = 0
    /// Deletion markers among them.
    public var dumpDeletions = 0
    /// Rows in the table, placeholders excluded.
    public var tableRows = 0
    /// Placeholder rows in the table, counted apart.
    public var placeholders = 0
    /// Rows filled from objects found expanded inside others (no dump holds them), counted apart.
    public var embedded = 0
    /// Dump objects with no row (or only a placeholder) in the table.
    public var missing = IDSample.none
    /// Live table rows whose id is in no dump object.
    public var extra = IDSample.none
    /// Deletion markers whose row is not marked deleted.
    public var notMarkedDeleted = IDSample.none
    /// Live dump objects whose row is marked deleted.
    public var liveMarkedDeleted = IDSample.none
    /// Objects whose stored content differs from the dump.
    public var contentDiffers = IDSample.none
    /// Deletion-marked rows whose `raw` is not what the dump implies: the newest live copy the
    /// dump holds before the marker, or else the marker itself when the row was loaded from it.
    public var deletedContentDiffers = IDSample.none
    /// Details for the first few objects whose content differs.
    public var differences: [ContentDifference] = []
    /// Parents whose child rows (subscription items, invoice lines) differ from the dump.
    public var childrenDiffer = IDSample.none
    /// Placeholders (or embedded copies) whose object the dump does contain: they should have been replaced.
    public var placeholdersInDump = IDSample.none
    /// The dump holds only what changed (an incremental fetch, per its manifest): rows it does
    /// not hold are expected and not reported.
    public var dumpIsPartial = false

    /// Creates an empty result for `resource`.
    public init(resource: Resource, file: String) {
        self.resource = resource
        self.file = file
    }

    /// Counts agree: every distinct dump object has a row (and, for a complete dump, no row more).
    public var countsMatch: Bool { dumpIsPartial ? tableRows >= dumpObjects - dumpDeletions : dumpObjects == tableRows }
    /// No id is missing or extra (complete dumps only), every row's `deleted` flag says what the
    /// dump says (deletion marker or live object), and no placeholder stands in for a dumped object.
    public var idsMatch: Bool {
        missing.isEmpty && (dumpIsPartial || extra.isEmpty) && notMarkedDeleted.isEmpty && liveMarkedDeleted.isEmpty
            && placeholdersInDump.isEmpty
    }
    /// Every object's content matches, deletion-marked rows included.
    public var contentMatches: Bool { contentDiffers.isEmpty && deletedContentDiffers.isEmpty }
    /// Every parent's child rows match.
    public var childrenMatch: Bool { childrenDiffer.isEmpty }
    /// All of the above.
    public var passed: Bool { countsMatch && idsMatch && contentMatches && childrenMatch }
}
