import StripeJSON

/// Turns one Stripe JSON object into the rows of its table and child tables.
///
/// A pure function of the object and the resource's spec: it reads references whether they are
/// string ids or expanded objects, tries every path a column lists (old and new API shapes),
/// and throws `LoaderError.transform` naming the object id and the field when a value does not fit.
public enum Transformer {
    /// Transforms `object` according to `spec`; expanded objects found at references come back
    /// in `embedded`, transformed for their own tables (one that cannot be is left out: its id
    /// still fills the reference).
    public static func transform(_ object: JSONValue, spec: ResourceSpec) throws -> TransformedObject {
        var embedded: [EmbeddedObject] = []
        let transformed = try transform(object, spec: spec, embedded: &embedded)
        return transformed.with(embedded: embedded)
    }

    private static func transform(_ object: JSONValue, spec: ResourceSpec, embedded: inout [EmbeddedObject]) throws -> TransformedObject {
        guard case .object = object else {
            throw LoaderError.transform(objectID: nil, field: "(object)", reason: "expected a JSON object")
        }
        guard let idValue = object["id"], case .string(let id) = idValue, !id.isEmpty else {
            let reason = object["id"] == nil ? "is missing" : "must be a non-empty string"
            throw LoaderError.transform(objectID: nil, field: "id", reason: reason)
        }
        if let objectType = object["object"] {
            guard case .string(let name) = objectType, spec.accepts(objectName: name) else {
                throw LoaderError.transform(
                    objectID: id, field: "object",
                    reason: "is \(objectType.serialized()), expected \"\(spec.resource.objectName)\" for \(spec.resource.rawValue)")
            }
        }
        if case .bool(true)? = object["deleted"] {
            return TransformedObject(id: id, isDeletion: true, values: [], childRows: [])
        }
        var values: [String?] = []
        values.reserveCapacity(spec.columns.count)
        for column in spec.columns {
            values.append(try value(of: column, in: object, objectID: id, fieldPrefix: "", embedded: &embedded))
        }
        for (resource, location) in ResourceSpec.embedded(in: spec.resource) {
            for found in location.values(in: object) { harvest(found, target: resource, embedded: &embedded) }
        }
        var childRows: [[[String?]]] = []
        for child in spec.children {
            childRows.append(try rows(of: child, in: object, parentID: id, embedded: &embedded))
        }
        let deletedByStatus = spec.deletedStatus.map { object["status"]?.stringValue == $0 } ?? false
        return TransformedObject(id: id, isDeletion: false, values: values, childRows: childRows, isDeleted: deletedByStatus)
    }

    private static func rows(of child: ChildTableSpec, in object: JSONValue, parentID: String,
                             embedded: inout [EmbeddedObject]) throws -> [[String?]] {
        guard let list = child.listPath.lookup(in: object), !list.isNull else { return [] }
        guard case .array(let elements) = list else {
            throw LoaderError.transform(objectID: parentID, field: child.listPath.description, reason: "expected an array")
        }
        var rows: [[String?]] = []
        rows.reserveCapacity(elements.count)
        var seen = Set<String>()
        for (position, element) in elements.enumerated() {
            let field = "\(child.listPath).\(position)"
            guard case .object = element else {
                throw LoaderError.transform(objectID: parentID, field: field, reason: "expected an object")
            }
            guard let idValue = element["id"], case .string(let childID) = idValue, !childID.isEmpty else {
                throw LoaderError.transform(objectID: parentID, field: "\(field).id", reason: "is missing or not a string")
            }
            guard seen.insert(childID).inserted else {
                throw LoaderError.transform(objectID: parentID, field: "\(field).id", reason: "repeats id \(childID) in the same list")
            }
            var row: [String?] = [parentID, childID, String(position)]
            for column in child.columns {
                row.append(try value(of: column, in: element, objectID: parentID, fieldPrefix: field + ".", embedded: &embedded))
            }
            rows.append(row)
        }
        return rows
    }

    /// Transforms a full object found at a reference to `target`, adding it to `embedded`.
    private static func harvest(_ value: JSONValue, target: Resource, embedded: inout [EmbeddedObject]) {
        guard EmbeddedObject.isHarvestable(value, for: target),
              let object = try? transform(value, spec: .of(target), embedded: &embedded)
        else { return }
        embedded.append(EmbeddedObject(resource: target, object: object, raw: Array(value.serialized().utf8)))
    }

    private static func value(of column: Column, in object: JSONValue, objectID: String, fieldPrefix: String,
                              embedded: inout [EmbeddedObject]) throws -> String? {
        guard let (value, path) = lookup(column, in: object) else { return nil }
        func fail(_ reason: String) -> LoaderError {
            .transform(objectID: objectID, field: fieldPrefix + path.description, reason: reason)
        }
        if let polymorphic = column.polymorphic {
            let type = PolymorphicReference.type(of: value)
            guard let only = polymorphic.only else { return type }
            guard type == only else { return nil }
        }
        switch column.kind {
        case .text:
            guard case .string(let text) = value else { throw fail("expected a string, got \(value.kindName)") }
            return column.synonyms[text] ?? text
        case .integer(let bits):
            guard case .number(let number) = value, let integer = number.int64 else {
                if case .number(let number) = value, number.text.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 >= 48 && $0 <= 57) }) {
                    throw fail("integer \(number.text.prefix(40)) is beyond the column's 64-bit range")
                }
                throw fail("expected an integer, got \(value.kindName) \(value.serialized().prefix(40))")
            }
            if bits == 32, Int32(exactly: integer) == nil {
                throw fail("integer \(integer) is beyond the column's 32-bit range")
            }
            return String(integer)
        case .numeric:
            switch value {
            case .number(let number): return number.text
            case .string(let text) where isDecimal(text): return text
            default: throw fail("expected a decimal number, got \(value.serialized().prefix(40))")
            }
        case .boolean:
            guard case .bool(let flag) = value else { throw fail("expected a boolean, got \(value.kindName)") }
            return flag ? "t" : "f"
        case .timestamp:
            guard case .number(let number) = value, let seconds = number.int64 else {
                throw fail("expected Unix seconds, got \(value.kindName) \(value.serialized().prefix(40))")
            }
            guard timestampRange.contains(seconds) else {
                throw fail("Unix seconds \(seconds) are outside the years 1 to 9999 a timestamp column holds")
            }
            return TimestampText.format(unixSeconds: seconds)
        case .json:
            return value.serialized()
        case .reference:
            switch value {
            case .string(let id):
                return id
            case .object:
                guard let inner = value["id"], case .string(let id) = inner, !id.isEmpty else {
                    throw fail("expanded object has no string id")
                }
                if let target = column.referencedResource { harvest(value, target: target, embedded: &embedded) }
                return id
            default:
                throw fail("expected an id or an expanded object, got \(value.kindName)")
            }
        }
    }

    /// True for a deletion marker without an id (`deleted_discount` objects have `id: ""`): there
    /// is no row to mark, so ingest and check pass over it instead of rejecting it.
    public static func isAnonymousDeletion(_ object: JSONValue) -> Bool {
        guard case .bool(true)? = object["deleted"], case .string(let id)? = object["id"] else { return false }
        return id.isEmpty
    }

    /// Unix seconds of 0001-01-01 and 9999-12-31 23:59:59 UTC: every time Stripe can send.
    static let timestampRange: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// The first of the column's paths (newest shape first) that holds a value: present, not
    /// null and, for a reference, not an empty string (an empty reference is no reference).
    static func lookup(_ column: Column, in object: JSONValue) -> (JSONValue, JSONPath)? {
        for path in column.paths {
            guard let candidate = path.lookup(in: object), !candidate.isNull else { continue }
            if case .reference = column.kind, case .string(let id) = candidate, id.isEmpty { continue }
            return (candidate, path)
        }
        return nil
    }

    private static func isDecimal(_ text: String) -> Bool {
        var sawDigit = false
        var sawDot = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-") where index == 0: continue
            case UInt8(ascii: ".") where !sawDot: sawDot = true
            default: return false
            }
        }
        return sawDigit
    }
}
