/// A Stripe test card: what the magic ids `pm_card_<name>` / `tok_<name>` and the test card
/// numbers stand for, and whether charging it is declined.
public struct TestCard: Sendable, Equatable {
    /// Card brand (`visa`, `mastercard`, `amex`, `discover`).
    public var brand: String
    /// Last four digits.
    public var last4: String
    /// `credit` or `debit`.
    public var funding: String
    /// The decline code a charge gets, or `nil` when charges succeed.
    public var declineCode: String?

    /// Test cards by the name used in `pm_card_<name>` and `tok_<name>`.
    public static let byName: [String: TestCard] = [
        "visa": TestCard(brand: "visa", last4: "4242", funding: "credit", declineCode: nil),
        "visa_debit": TestCard(brand: "visa", last4: "5556", funding: "debit", declineCode: nil),
        "mastercard": TestCard(brand: "mastercard", last4: "4444", funding: "credit", declineCode: nil),
        "amex": TestCard(brand: "amex", last4: "8431", funding: "credit", declineCode: nil),
        "discover": TestCard(brand: "discover", last4: "1117", funding: "credit", declineCode: nil),
        "chargeDeclined": TestCard(brand: "visa", last4: "0002", funding: "credit", declineCode: "generic_decline"),
        "chargeDeclinedInsufficientFunds": TestCard(brand: "visa", last4: "9995", funding: "credit",
                                                    declineCode: "insufficient_funds"),
        "visa_chargeDeclined": TestCard(brand: "visa", last4: "0002", funding: "credit", declineCode: "generic_decline"),
        // Attaching it to a customer succeeds; charging it is declined.
        "chargeCustomerFail": TestCard(brand: "visa", last4: "0341", funding: "credit", declineCode: "generic_decline"),
        // 4000000000000259: charging it succeeds, and the charge is disputed as fraudulent at once.
        "createDispute": TestCard(brand: "visa", last4: "0259", funding: "credit", declineCode: nil),
        // 4000000000000077: the charge's funds are available at once.
        "bypassPending": TestCard(brand: "visa", last4: "0077", funding: "credit", declineCode: nil),
    ]

    /// The test card a full card number stands for (unknown numbers act as a succeeding card).
    public static func forNumber(_ number: String) -> TestCard {
        let digits = number.filter(\.isNumber)
        switch digits {
        case "4000000000000002": return byName["chargeDeclined"]!
        case "4000000000009995": return byName["chargeDeclinedInsufficientFunds"]!
        case "4000000000000341": return byName["chargeCustomerFail"]!
        default:
            let brand: String
            switch digits.first {
            case "5", "2": brand = "mastercard"
            case "3": brand = "amex"
            case "6": brand = "discover"
            default: brand = "visa"
            }
            return TestCard(brand: brand, last4: String(digits.suffix(4)), funding: "credit", declineCode: nil)
        }
    }

    /// The decline code for a stored card's last four digits, if such a card declines.
    public static func declineCode(last4: String?) -> String? {
        switch last4 {
        case "0002", "0341": return "generic_decline"
        case "9995": return "insufficient_funds"
        default: return nil
        }
    }

    /// Whether a charge of a stored card with these last four digits is disputed (4000000000000259).
    public static func isDisputed(last4: String?) -> Bool {
        last4 == "0259"
    }
}
