import Foundation
import PureTestSupport
import StripeJSON
import StripeSchema
import Testing

@Suite("Customers' flattened address and shipping columns")
struct CustomerAddressTransformTests {
    let spec = ResourceSpec.of(.customers)
    static let flattened = ["address_line1", "address_line2", "address_city", "address_state", "address_postal_code",
                            "address_country", "shipping_name", "shipping_phone", "shipping_address_line1",
                            "shipping_address_line2", "shipping_address_city", "shipping_address_state",
                            "shipping_address_postal_code", "shipping_address_country"]

    @Test("the catalog declares Lakeflow's fourteen columns")
    func declared() {
        let names = spec.columns.map(\.name)
        for name in Self.flattened { #expect(names.contains(name), "customers lacks \(name)") }
    }

    @Test("fixtures3's customer (an address of nulls, shipping {}): every flattened column NULL, address kept as JSON")
    func todaysShape() throws {
        let row = try Transformer.transform(SalesShapes.object("customer"), spec: spec)
        for name in Self.flattened { #expect(row.value(name, in: spec) == nil, "\(name)") }
        #expect(row.value("address", in: spec) != nil)
    }

    @Test("a full address and shipping address fill their columns")
    func filled() throws {
        let customer = try StripeShapes.parse("""
            {"id":"cus_A","object":"customer","address":{"line1":"510 Townsend St","line2":"Floor 2","city":"San Francisco",
             "state":"CA","postal_code":"94103","country":"US"},
             "shipping":{"name":"Alice Martin","phone":"+14155550101","address":{"line1":"1 Market St","line2":null,
             "city":"San Francisco","state":"CA","postal_code":"94105","country":"US"}}}
            """)
        let row = try Transformer.transform(customer, spec: spec)
        #expect(row.value("address_line1", in: spec) == "510 Townsend St")
        #expect(row.value("address_line2", in: spec) == "Floor 2")
        #expect(row.value("address_city", in: spec) == "San Francisco")
        #expect(row.value("address_state", in: spec) == "CA")
        #expect(row.value("address_postal_code", in: spec) == "94103")
        #expect(row.value("address_country", in: spec) == "US")
        #expect(row.value("shipping_name", in: spec) == "Alice Martin")
        #expect(row.value("shipping_phone", in: spec) == "+14155550101")
        #expect(row.value("shipping_address_line1", in: spec) == "1 Market St")
        #expect(row.value("shipping_address_line2", in: spec) == nil)
        #expect(row.value("shipping_address_postal_code", in: spec) == "94105")
        #expect(row.value("shipping_address_country", in: spec) == "US")
    }

    @Test("older customers without address or shipping (null) leave the columns NULL; a number is refused by name")
    func olderShapes() throws {
        let old = try StripeShapes.parse(#"{"id":"cus_old","object":"customer","account_balance":0,"address":null,"shipping":null}"#)
        let row = try Transformer.transform(old, spec: spec)
        for name in Self.flattened { #expect(row.value(name, in: spec) == nil, "\(name)") }
        let bad = try StripeShapes.parse(#"{"id":"cus_bad","object":"customer","address":{"postal_code":94103}}"#)
        let error = try #require(throws: LoaderError.self) { _ = try Transformer.transform(bad, spec: spec) }
        #expect("\(error)".contains("cus_bad") && "\(error)".contains("address.postal_code"), "\(error)")
    }
}
