import Postgres
import StripeJSON
import StripeSchema

/// Parses and transforms dump objects into a staging buffer; runs on the parsing thread.
struct ObjectStager: Sendable {
    let spec: ResourceSpec
    let file: String
    /// The reader's limit on one object, named in the reject of an oversized one.
    var maxObjectSize = DumpReader.defaultMaxObjectSize

    /// Adds `object` to `buffer` as a live row, a deletion marker or a reject.
    /// Throws `LoaderError.malformedJSON` when the object is not well-formed JSON.
    func stage(_ object: DumpObject, seq: Int64, into buffer: inout StagingBuffer) throws(LoaderError) {
        if let length = object.oversizedLength {
            buffer.rejects.append(.init(
                line: object.line, offset: object.byteOffset, objectID: RawText.leadingID(object.bytes),
                reason: DumpReader.oversizedReason(byteOffset: object.byteOffset, line: object.line, length: length,
                                                   limit: maxObjectSize) + "; raw_text holds its first \(object.bytes.count) bytes",
                raw: object.bytes))
            return
        }
        let value: JSONValue
        switch parse(object.bytes) {
        case .success(let parsed):
            value = parsed
        case .failure(let error):
            let line = RawText.line(of: error.offset, in: object.bytes, startLine: object.line)
            throw LoaderError.malformedJSON(
                file: file, offset: object.byteOffset + error.offset, line: line, reason: error.reason)
        }
        if Transformer.isAnonymousDeletion(value) { return }
        do {
            if let problem = RawText.unstorableContent(object.bytes, value: value) {
                throw LoaderError.transform(objectID: value["id"]?.stringValue, field: problem.field, reason: problem.reason)
            }
            let transformed = try Transformer.transform(value, spec: spec)
            let hash = PGBytes.hex(Digest.sha256(object.bytes))
            if transformed.isDeletion {
                buffer.deletions.append(.init(
                    id: transformed.id, raw: object.bytes, hash: hash, seq: seq, line: object.line, offset: object.byteOffset))
            } else {
                buffer.live.append(.init(
                    values: [transformed.id] + transformed.values, raw: object.bytes, hash: hash, seq: seq,
                    children: transformed.childRows, line: object.line, offset: object.byteOffset,
                    deleted: transformed.isDeleted))
                for found in transformed.embedded {
                    buffer.embedded.append(.init(resource: found.resource, row: .init(
                        values: [found.object.id] + found.object.values, raw: found.raw,
                        hash: PGBytes.hex(Digest.sha256(found.raw)), seq: seq,
                        children: found.object.childRows, line: object.line, offset: object.byteOffset,
                        deleted: found.object.isDeleted)))
                }
            }
        } catch {
            var objectID: String?
            if case .transform(let id, _, _) = error as? LoaderError { objectID = id }
            buffer.rejects.append(.init(
                line: object.line, offset: object.byteOffset, objectID: objectID ?? value["id"]?.stringValue,
                reason: (error as? LoaderError)?.description ?? "\(error)", raw: object.bytes))
        }
    }

    private func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONParseError> {
        do {
            return .success(try JSONParser.parse(bytes))
        } catch {
            return .failure(error)
        }
    }
}
