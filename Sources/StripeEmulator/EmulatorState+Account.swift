import Foundation

extension EmulatorState {
    /// A fresh random account id, for a state that holds no seeded data set.
    static func randomAccountID() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return "acct_1Emu" + String((0..<16).map { _ in alphabet.randomElement()! })
    }

    /// The account id of the objects stored now: a digest (FNV-1a) of their ids, so one data set
    /// always answers as the same account and another data set as another.
    func derivedAccountID() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for kind in ResourceKind.allCases {
            for id in table(kind).order.sorted() {
                for byte in id.utf8 {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x0000_0100_0000_01b3
                }
                hash ^= 0x0a
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return "acct_1Emu" + String(hash, radix: 16, uppercase: false)
    }

    /// `GET /v1/account`: the account the key belongs to (a test-mode standard account).
    func retrieveAccount(_ params: Params) throws -> JSONValue {
        try params.allow([])
        return .object([
            "id": .string(accountID), "object": "account", "livemode": false, "type": "standard",
            "country": "US", "default_currency": "usd", "email": nil, "charges_enabled": true,
            "payouts_enabled": true, "details_submitted": true,
            "business_profile": .object(["name": "Stripe Emulator", "url": nil]),
            "settings": .object(["dashboard": .object(["display_name": "Stripe Emulator", "timezone": "Etc/UTC"])]),
        ])
    }
}
