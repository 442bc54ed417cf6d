import Foundation
import StripeOLTP
import StripeSchema
import TestSupport
import Testing

/// Every era of `fixtures/corpus/` — Stripe's published example objects from 2014 to today and
/// hand-made objects of each documented old shape — loads whole: nothing rejected, every column
/// filled from whichever name the era gives its field, and `check` finding no difference.
@Suite("Corpus of real Stripe shapes", .needsDatabase)
struct CorpusTests {
    @Test("the corpus holds the eras it documents")
    func corpusIsThere() throws {
        let eras = CorpusEra.all
        #expect(eras.count >= 20, "\(eras)")
        for year in 2017...2026 {
            #expect(eras.contains { $0.hasPrefix("\(year)-") }, "no era of \(year)")
        }
        for name in eras {
            let era = CorpusEra(name: name)
            #expect(FileManager.default.fileExists(atPath: era.path + "/manifest.json"), "\(name) has no manifest.json")
            for resource in Resource.allCases {
                _ = try era.objects(resource)
            }
        }
    }

    @Test("each era loads whole: no reject, every aliased column filled, no check difference", arguments: CorpusEra.all)
    func eraLoadsWhole(_ name: String) throws {
        let era = CorpusEra(name: name)
        let findings = try TestDatabase.with { db in try CorpusFindings.load(era, connection: try db.connect()) }
        for warning in findings.invariantWarnings {
            print("[corpus] \(name) invariant warning: \(warning)")
        }
        #expect(findings.rejects.isEmpty, "\(name): rejected objects:\n\(findings.rejects.joined(separator: "\n"))")
        #expect(findings.emptyColumns.isEmpty,
                "\(name): columns left NULL although the object holds the value:\n\(findings.emptyColumns.joined(separator: "\n"))")
        #expect(findings.differences.isEmpty, "\(name): check differences:\n\(findings.differences.joined(separator: "\n"))")
    }
}
