import Foundation
import StripeHTTP
import StripeJSON

/// Creates the fixture's data set in a Stripe test account (or the local emulator), skipping
/// every object that is already there, and reports what it did.
///
/// Each object carries `metadata[fixture_key]`; before creating one, populate looks it up
/// (customers by e-mail, the rest in the lists of their parent), and every POST carries an
/// idempotency key derived from the fixture key. With `force`, the fixture customers'
/// subscriptions are canceled and created again under a new generation; everything else stays
/// as it is. A failing object is recorded and the run goes on with the objects that do not
/// depend on it.
public final class Populator {
    /// The Stripe calls.
    let api: PopulateAPI
    /// The data set to create.
    let fixture: PopulateFixture
    /// Whether subscriptions are canceled and created again.
    let force: Bool
    /// The manifest of an earlier run, if one was found.
    let previous: PopulateManifest?
    /// What happened so far.
    var report: PopulateReport
    /// Stripe ids of the fixture objects available so far, by fixture key.
    var ids: [String: String] = [:]
    /// The Stripe customer objects of the live fixture customers, by fixture key.
    var customerObjects: [String: JSONValue] = [:]
    /// Fixture customers that are already deleted in Stripe.
    var deletedCustomers: Set<String> = []

    /// Creates a populator. `authorization` must come from `SafetyGuard.authorizeStripe` for
    /// `populate` (or `populate-force` when `force`); `previous` is the manifest of an earlier
    /// run against the same API base, used to find the deleted customer again. `generation` names the recreated
    /// subscriptions under `force` (default: the current time). With `dryRun` (not with `force`)
    /// only GET requests are sent: the report's `planned` objects are those a run would create or
    /// change, and `withheldRequests` the POST and DELETE requests it would send.
    public init(client: StripeClient, fixture: PopulateFixture, authorization: DestructiveAuthorization, force: Bool = false,
                generation: String? = nil, previous: PopulateManifest? = nil, dryRun: Bool = false) throws {
        precondition(!(dryRun && force), "a dry run cannot recreate subscriptions")
        let command = force ? "populate-force" : "populate"
        guard authorization.command == command else {
            throw LoaderError.refused(command: command, reason: "was authorized as '\(authorization.command)'; nothing was sent")
        }
        guard !client.configuration.isLiveKey else {
            throw LoaderError.refused(command: command, reason: "with a live-mode Stripe key; nothing was sent")
        }
        api = PopulateAPI(client: client, withheld: dryRun ? PopulateWithheldRequests() : nil)
        self.fixture = fixture
        self.force = force
        // Ids from a run against another account or server mean nothing here.
        self.previous = previous?.apiBase == client.configuration.publicBaseURL ? previous : nil
        report = PopulateReport(force: force, generation: force ? (generation ?? Populator.generation(at: Date())) : nil)
    }

    /// A generation name for `date`: `gYYYYMMDDTHHMMSSmmmZ` in UTC.
    public static func generation(at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmssSSS'Z'"
        return "g" + formatter.string(from: date)
    }

    /// Creates or finds every fixture object, in dependency order, and returns the report.
    public func run() -> PopulateReport {
        populateProducts()
        populatePrices()
        populateCustomers()
        if force { cancelSubscriptionsForRecreation() }
        populateSubscriptions()
        populatePaymentIntents()
        populateRefunds()
        populatePayouts()
        populateBilling()
        populateCreditNotes()
        populateCheckoutSessions()
        if let withheld = api.withheld {
            planCustomerDeletions(withheld)
            report.withheldRequests = withheld.all
            report.dryRun = true
        } else {
            deleteCustomers()
        }
        return report
    }

    /// Dry run: notes the deletion of each fixture customer meant to end deleted that is not yet.
    private func planCustomerDeletions(_ withheld: PopulateWithheldRequests) {
        for customer in fixture.customers where customer.endsDeleted && !deletedCustomers.contains(customer.key) {
            withheld.add("DELETE /v1/customers/\(ids[customer.key] ?? "{\(customer.key)}")")
        }
    }

    // MARK: - Shared steps

    /// Handles one fixture object: checks that the objects it needs exist, runs `body` (which
    /// finds or creates it and returns its id and outcome), and records the result with the
    /// expected final state computed afterwards.
    func handle(_ resource: PopulateResource, _ key: String, requires: [String],
                expected: () -> [String: ManifestValue], _ body: (PopulateStep) throws -> (String?, PopulateOutcome)) {
        if let missing = requires.first(where: { ids[$0] == nil }) {
            if report.entries[missing]?.outcome == .planned {
                // Dry run: what it needs would be created first, so it would be created too.
                report.record(key, PopulateManifestEntry(resource: resource, id: nil, outcome: .planned, expected: expected()))
                return
            }
            let error = PopulateError.dependency(resource: resource.rawValue, key: key, missing: missing)
            report.record(key, PopulateManifestEntry(
                resource: resource, id: nil, outcome: .failed, expected: expected(), error: error.description))
            return
        }
        let step = PopulateStep(resource: resource, key: key)
        let withheldBefore = api.withheld?.count ?? 0
        do {
            let (id, outcome) = try body(step)
            if let id { ids[key] = id }
            report.record(key, PopulateManifestEntry(resource: resource, id: id, outcome: outcome, expected: expected()))
        } catch where (api.withheld?.count ?? 0) > withheldBefore {
            // Dry run: it stopped at the first request that would change Stripe.
            report.record(key, PopulateManifestEntry(resource: resource, id: ids[key], outcome: .planned, expected: expected()))
        } catch {
            report.record(key, PopulateManifestEntry(
                resource: resource, id: ids[key], outcome: .failed, expected: expected(), error: Secrets.redact("\(error)")))
        }
    }

    /// Marks the already recorded object `key` failed with `error`, keeping its id.
    func markFailed(_ key: String, _ error: String) {
        guard var entry = report.entries[key] else { return }
        entry.outcome = .failed
        entry.error = Secrets.redact(error)
        report.record(key, entry)
    }

    /// The `metadata` parameter: the fixture's tags, then the fixture key (and generation).
    func metadata(_ key: String, _ tags: [String: String]?, generation: String? = nil) -> FormValue {
        var members = (tags ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, FormValue.string($0.value)) }
        members.append((PopulateFixture.keyMetadata, .string(key)))
        if let generation { members.append((PopulateFixture.generationMetadata, .string(generation))) }
        return .object(members)
    }

    /// The fixture key a Stripe object carries, if any.
    func fixtureKey(_ object: JSONValue) -> String? {
        object["metadata"]?[PopulateFixture.keyMetadata]?.stringValue
    }

    /// The id the Stripe object `object` has, or nil.
    func stripeID(_ object: JSONValue?) -> String? {
        object?["id"]?.stringValue
    }

    /// A manifest value for an id that may be unknown.
    func idValue(_ key: String) -> ManifestValue {
        ids[key].map { .string($0) } ?? .null
    }
}
