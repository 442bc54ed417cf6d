import StripeHTTP
import StripeSchema

extension Fetcher {
    /// `fetch --dry-run`: checks the key against `/v1/account` (an invalid key throws here, before
    /// any list is read) and the stored cursors against that account, then lists the first page
    /// of each resource Stripe lists (not discounts, which only arrive inside other objects),
    /// newest first. Sends only GET requests; writes no file, creates no folder
    /// and moves no cursor.
    public func preview() throws -> FetchPreview {
        let worker = try FetchWorker(configuration: configuration, counters: counters)
        let account = try retrieveAccount(worker)
        if let account, !options.full, options.since == nil {
            try cursors.verify(belongTo: account)
        }
        return FetchPreview(account: account, pages: ResourceSpec.listed(options.resources).map { firstPage($0, worker: worker) })
    }

    /// The first page of `resource`; payment methods are listed per customer, so theirs is the
    /// newest customer's.
    private func firstPage(_ resource: Resource, worker: FetchWorker) -> FetchPreviewPage {
        var page = FetchPreviewPage(resource: resource, path: resource.listPath)
        do {
            var parameters = ResourceSpec.of(resource).listParameters.map { ($0.name, FormValue.string($0.value)) }
            if resource == .paymentMethods {
                let customers = try worker.get(Resource.customers.listPath, [("limit", .string("1"))], for: resource)
                guard let customer = customers["data"]?.arrayValue?.first?["id"]?.stringValue else {
                    page.path = "\(Resource.customers.listPath)/{customer}/payment_methods (no customer to list)"
                    return page
                }
                page.path = "\(Resource.customers.listPath)/\(customer)/payment_methods"
                parameters = []
            }
            let body = try worker.get(page.path, parameters + [("limit", .string(String(options.pageSize)))], for: resource)
            page.objects = body["data"]?.arrayValue?.count ?? 0
            page.hasMore = body["has_more"]?.boolValue == true
        } catch {
            page.error = Secrets.redact("\(error)")
        }
        return page
    }
}
