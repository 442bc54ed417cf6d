import Postgres
import StripeOLTP

/// Run telemetry from the commands that have no run record of their own (fetch, check,
/// populate): one event in `stripe_oltp.event_log`. Telemetry never fails a command: without a
/// reachable database (or before migration 0013) the event is skipped, said under `--verbose`.
enum Telemetry {
    /// Records `event` with `details` in the database (and schema) `connect` opens.
    static func record(_ event: String, runID: String = EventLog.newRunID(), seconds: Double, details: some Encodable,
                       connect: () throws -> PGConnection) {
        do {
            let connection = try connect()
            try EventLog.record(event, runID: runID, seconds: seconds, details: details, connection: connection)
        } catch {
            CommandFailure.printDetail("telemetry: \(event) not recorded (\(error))")
        }
    }
}
