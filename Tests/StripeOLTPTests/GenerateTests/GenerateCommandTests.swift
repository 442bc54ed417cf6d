import Foundation
import PureTestSupport
import StripeSchema
import Testing
import TestSupport

/// `stripe-oltp generate` writes what the generator writes (the generator itself is tested in
/// `StripeSchemaTests`, without the executable).
@Suite("generate command")
struct GenerateCommandTests {
    @Test("fixtures/sample is exactly `generate --customers 12 --seed 7 --mixed-forms`")
    func sampleThroughCommand() throws {
        try TestEnvironment.withTemporaryDirectory { out in
            let result = try CLI.run(["generate", "--customers", "12", "--seed", "7", "--mixed-forms", "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            #expect(written == Resource.allCases.map(\.fileName).sorted())
            for name in written {
                let shipped = try Data(contentsOf: GeneratedDumpSet.sampleDirectory.appendingPathComponent(name))
                #expect(try Data(contentsOf: out.appendingPathComponent(name)) == shipped,
                        "generate --mixed-forms wrote a different \(name)")
            }
        }
    }
}
