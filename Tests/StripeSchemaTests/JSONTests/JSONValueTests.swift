import Foundation
@testable import StripeJSON
import Testing

extension JSONTests {
    @Suite("JSON values")
    struct ValueTests {
        @Test("accessors return nil for the wrong kind")
        func accessors() throws {
            let value = try JSONParser.parse(#"{"s":"x","i":7,"f":1.5,"b":false,"n":null,"a":[1],"o":{}}"#)
            #expect(value["s"]?.stringValue == "x")
            #expect(value["s"]?.int64Value == nil)
            #expect(value["i"]?.int64Value == 7)
            #expect(value["i"]?.stringValue == nil)
            #expect(value["f"]?.int64Value == nil)
            #expect(value["f"]?.doubleValue == 1.5)
            #expect(value["b"]?.boolValue == false)
            #expect(value["n"]?.isNull == true)
            #expect(value["n"]?.boolValue == nil)
            #expect(value["i"]?.isNull == false)
            #expect(value["a"]?[0]?.int64Value == 1)
            #expect(value["a"]?[-1] == nil)
            #expect(value["a"]?[1] == nil)
            #expect(value["a"]?["k"] == nil)
            #expect(value["o"]?.objectValue?.isEmpty == true)
            #expect(value[0] == nil)
            #expect(JSONValue.string("x")["s"] == nil)
        }

        @Test("strings are escaped per RFC 8259 when serialized")
        func stringEscaping() throws {
            let text = "q\"b\\s/n\nr\rt\tb\u{08}f\u{0C}c\u{01}\u{1F}\u{7F}é😀"
            let serialized = JSONValue.string(text).serialized()
            #expect(serialized == #""q\"b\\s/n\nr\rt\tb\bf\fc\u0001\u001f"# + "\u{7F}é😀\"")
            #expect(try JSONParser.parse(serialized).stringValue == text)
            #expect(JSONValue.string("\u{0}").serialized() == #""\u0000""#)
        }

        @Test("serialization is compact, ordered, and keeps number text")
        func compactSerialization() throws {
            let pretty = """
                {
                  "id" : "in_1",
                  "zeta" : [ 1.50, -0, 1E+2, { "k" : null } ],
                  "alpha" : { "nested" : true, "s" : "a \\"q\\" \\u00e9" },
                  "empty" : [ ], "obj" : { }
                }
                """
            let value = try JSONParser.parse(pretty)
            let compact = value.serialized()
            #expect(compact == #"{"id":"in_1","zeta":[1.50,-0,1E+2,{"k":null}],"alpha":{"nested":true,"s":"a \"q\" é"},"empty":[],"obj":{}}"#)
            #expect(try JSONParser.parse(compact) == value)
            #expect(value.serializedBytes() == Array(compact.utf8))
        }

        @Test("values built in code serialize")
        func builtValues() {
            var object = JSONObject()
            object.append(key: "n", value: .number(JSONNumber(Int64(-5))))
            object.append(key: "list", value: .array([.bool(true), .null, .string("x")]))
            #expect(JSONValue.object(object).serialized() == #"{"n":-5,"list":[true,null,"x"]}"#)
            #expect(object["n"]?.int64Value == -5)
        }

        @Test("object equality is order-sensitive")
        func objectEquality() throws {
            let first = try JSONParser.parse(#"{"a":1,"b":2}"#)
            let same = try JSONParser.parse(#"{ "a" : 1 , "b" : 2 }"#)
            let swapped = try JSONParser.parse(#"{"b":2,"a":1}"#)
            #expect(first == same)
            #expect(first != swapped)
        }
    }
}
