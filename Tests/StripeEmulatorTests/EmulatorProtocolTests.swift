import Foundation
import Testing
@testable import StripeEmulator

@Suite("Emulator protocol")
struct EmulatorProtocolTests {
    @Test func authMissingInvalidBasicAndBearer() async throws {
        try await withEmulator { curl, _ in
            var anonymous = curl
            anonymous.key = nil
            let missing = try await anonymous.call("GET", "/v1/customers")
            #expect(missing.status == 401)
            #expect(missing.body?["error"]?["type"]?.stringValue == "invalid_request_error")
            #expect(missing.headers["request-id"]?.hasPrefix("req_") == true)
            var wrong = curl
            wrong.key = "sk_live_" + "secretvalue99999"
            let invalid = try await wrong.call("GET", "/v1/customers")
            #expect(invalid.status == 401)
            #expect(invalid.body?["error"]?["message"]?.stringValue?.contains("secretvalue") == false)
            #expect(try await curl.call("GET", "/v1/customers").status == 200)
            let bearer = try await anonymous.call("GET", "/v1/customers", headers: ["Authorization: Bearer sk_test_bearer12345"])
            #expect(bearer.status == 200)
        }
    }

    @Test func unknownRoutesAndParameterErrors() async throws {
        try await withEmulator { curl, _ in
            let unknown = try await curl.call("GET", "/v1/not_a_thing")
            #expect(unknown.status == 404)
            #expect(unknown.body?["error"] != nil)
            #expect(unknown.headers["content-type"] == "application/json")
            let missing = try await curl.call("POST", "/v1/products", [("description", "x")])
            #expect(missing.status == 400)
            #expect(missing.body?["error"]?["code"]?.stringValue == "parameter_missing")
            #expect(missing.body?["error"]?["param"]?.stringValue == "name")
            let extra = try await curl.call("POST", "/v1/customers", [("colour", "red")])
            #expect(extra.body?["error"]?["code"]?.stringValue == "parameter_unknown")
            let absent = try await curl.call("GET", "/v1/customers/cus_nope")
            #expect(absent.status == 404)
            #expect(absent.body?["error"]?["code"]?.stringValue == "resource_missing")
        }
    }

    @Test func bracketSyntaxAndIdempotency() async throws {
        try await withEmulator { curl, _ in
            let first = try await curl.call("POST", "/v1/customers", [("email", "a@example.com"), ("metadata[tier]", "gold")],
                                      headers: ["Idempotency-Key: key-1"])
            #expect(first.status == 200)
            #expect(first.body?["metadata"]?["tier"]?.stringValue == "gold")
            let replay = try await curl.call("POST", "/v1/customers", [("email", "a@example.com"), ("metadata[tier]", "gold")],
                                       headers: ["Idempotency-Key: key-1"])
            #expect(replay.body?["id"] == first.body?["id"])
            #expect(replay.headers["idempotent-replayed"] == "true")
            let conflict = try await curl.call("POST", "/v1/customers", [("email", "b@example.com")], headers: ["Idempotency-Key: key-1"])
            #expect(conflict.status == 400)
            #expect(conflict.body?["error"]?["type"]?.stringValue == "idempotency_error")
            let list = try await curl.call("GET", "/v1/customers")
            #expect(list.body?["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func formDecoderNestsBrackets() {
        let decoded = FormDecoder.decode("items[0][price]=p1&items[1][price]=p2&items[1][quantity]=3&expand[]=a&expand[]=b.c&metadata[0]=z")
        #expect(decoded["items"]?.arrayValue?.count == 2)
        #expect(decoded["items"]?.arrayValue?[1]["quantity"]?.stringValue == "3")
        #expect(decoded["expand"] == .array(["a", "b.c"]))
        #expect(decoded["metadata"]?["0"]?.stringValue == "z")
    }
}
