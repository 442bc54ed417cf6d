import Foundation
import StripeJSON
@testable import StripeOLTP
import Testing

/// A page chain that repeats itself or makes no progress stops with an error naming the request.
@Suite("Page guard")
struct PageGuardTests {
    private func page(_ ids: [String], hasMore: Bool) throws -> JSONValue {
        let data = ids.map { #"{"id":"\#($0)"}"# }.joined(separator: ",")
        return try JSONParser.parse(Array(#"{"object":"list","data":[\#(data)],"has_more":\#(hasMore)}"#.utf8))
    }

    @Test("pages of new ids pass; an id seen on an earlier page stops the chain, naming it")
    func repeatedID() throws {
        var guardian = PageGuard(request: "GET /v1/customers")
        #expect(try guardian.accept(try page(["cus_1", "cus_2"], hasMore: true), cursor: nil) == ["cus_1", "cus_2"])
        #expect(try guardian.accept(try page(["cus_3"], hasMore: true), cursor: "cus_2") == ["cus_3"])
        let error = try #require(throws: LoaderError.self) {
            try guardian.accept(try page(["cus_3", "cus_4"], hasMore: false), cursor: "cus_3")
        }
        #expect("\(error)".contains("repeated object cus_3"))
        #expect("\(error)".contains("GET /v1/customers"))
    }

    @Test("an empty page that says has_more stops the chain")
    func noProgress() throws {
        var guardian = PageGuard(request: "GET /v1/charges")
        let error = try #require(throws: LoaderError.self) {
            try guardian.accept(try page([], hasMore: true), cursor: "ch_9")
        }
        #expect("\(error)".contains("made no progress"))
        var last = PageGuard(request: "GET /v1/charges")
        #expect(try last.accept(try page([], hasMore: false), cursor: nil).isEmpty)
    }
}
