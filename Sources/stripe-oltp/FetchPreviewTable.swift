import StripeOLTP

/// The human-readable form of `fetch --dry-run`: one row per resource's first page, then a line
/// saying plainly that nothing was written.
enum FetchPreviewTable {
    /// The table and its closing lines.
    static func render(_ preview: FetchPreview) -> String {
        let rows = preview.pages.map { page in
            [page.resource.rawValue, page.path, page.error == nil ? String(page.objects) : "-",
             page.error == nil ? (page.hasMore ? "yes" : "no") : "-", page.error == nil ? "ok" : "failed"]
        }
        let table = TextTable.render(headers: ["resource", "first page", "objects", "more", "outcome"],
                                     rows: rows, rightAligned: [2])
        let account = preview.account.map { "the key reads Stripe account \($0)" }
            ?? "the key may not read /v1/account (restricted), so no account was checked"
        return table + "\ndry run: \(account); nothing was written (no file, no folder, no cursor moved)"
    }
}
