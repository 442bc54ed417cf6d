import Foundation
import StripeJSON
import StripeSchema

extension Fetcher {
    /// The resources whose objects reference payment methods (from the column catalog).
    static let paymentMethodReferrers: Set<Resource> = Set(paymentMethodPaths.filter { !$0.value.isEmpty }.keys)

    /// On a resumed fetch whose payment methods are complete but a resource referencing them is
    /// fetched again, reopens the payment-method file as an extension of the complete one, so the
    /// payment methods the refetched objects reference but no customer lists are retrieved by id
    /// and added. Returns the payment methods' entry as it was, or nil when nothing was reopened.
    func extendPaymentMethodsIfNeeded(_ manifest: FetchManifest, pending: [Resource]) throws -> FetchManifestResource? {
        guard let entry = manifest.entry(.paymentMethods), entry.status == .complete,
              !Self.paymentMethodReferrers.isDisjoint(with: pending) else { return nil }
        let path = completeFile(entry)
        writers[.paymentMethods] = try FetchFileWriter(
            directory: options.directory, resource: .paymentMethods, format: options.format, carrying: path)
        return entry
    }

    /// On a resumed fetch that writes payment methods, notes the payment methods referenced by the
    /// files of the resources completed before: the objects this run writes are not all there is.
    /// A file that cannot be read fails the payment methods, naming it.
    func collectReferencesFromCompleteFiles(_ manifest: FetchManifest) {
        guard writers[.paymentMethods] != nil else { return }
        for entry in manifest.resources where entry.status == .complete && Self.paymentMethodReferrers.contains(entry.resource) {
            let path = completeFile(entry)
            do {
                try DumpReader(path: path).forEach { object in
                    noteReferences(entry.resource, try object.parsed(file: path))
                }
            } catch {
                fail(.paymentMethods, "the payment methods referenced by the \(entry.resource.rawValue) fetched before could not be read: "
                     + Secrets.redact("\(error)"))
            }
        }
    }

    /// The path of a complete resource's dump file in the fetch folder.
    private func completeFile(_ entry: FetchManifestResource) -> String {
        (options.directory as NSString).appendingPathComponent(entry.file ?? entry.resource.fileName)
    }
}
