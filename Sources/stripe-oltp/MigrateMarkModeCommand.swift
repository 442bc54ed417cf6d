import ArgumentParser
import StripeJSON
import StripeOLTP

/// `stripe-oltp migrate mark-mode test|live`: records the mode of the Stripe data a schema holds
/// before the first load does (`--replace` changes a recorded one, refused under PROD). Loads of
/// the other mode are refused from then on.
struct MigrateMarkModeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark-mode",
        abstract: "Record whether the schema holds test-mode or live-mode Stripe data; loads of the other mode are refused.",
        discussion: """
            The first ingest, event or fetch into a schema records its mode by itself; this command sets it \
            beforehand (say, live for the schema production data will fill). A recorded mode is kept unless \
            --replace is given.
            """)

    @Argument(help: "test or live.")
    var mode: String

    @Flag(name: .long, help: "Replace a mode the schema records already (refused under ENV=PROD and on a database recorded as PROD).")
    var replace = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard mode == "test" || mode == "live" else { throw ValidationError("MODE must be test or live (got '\(mode)')") }
    }

    func run() throws {
        try CommandFailure.run {
            let settings = Settings()
            let connection = try database.connect(settings)
            let schema = SchemaName.bound(to: connection)
            let livemode = mode == "live"
            if let recorded = try SchemaMode.read(connection) ?? SchemaMode.heldByRows(connection), recorded.livemode != livemode {
                let held = "schema \(schema) is recorded as \(SchemaMode.name(livemode: recorded.livemode)) mode (by \(recorded.recordedBy))"
                guard replace else {
                    throw LoaderError.refused(
                        command: "migrate mark-mode", reason: "\(held); pass --replace to record \(mode) mode instead. Nothing was changed")
                }
                if try settings.deploymentEnvironment() == .prod || EnvironmentMarker.read(connection).countsAsProd {
                    throw LoaderError.refused(
                        command: "migrate mark-mode --replace",
                        reason: "\(held) and this is production (ENV=PROD or the database's record); nothing was changed")
                }
            }
            try SchemaMode.record(SchemaMode(livemode: livemode, recordedBy: "migrate mark-mode"), replacing: true, connection: connection)
            print("migrate: schema \(schema) is now recorded as holding \(mode)-mode data")
        }
    }
}
