/// Name, address and card tables synthetic customers are drawn from. Addresses are grouped
/// by the currency a customer pays in, so a euro customer lives in the euro area.
enum SyntheticPeople {
    /// Given names.
    static let givenNames = [
        "Jenny", "Liam", "Olivia", "Noah", "Emma", "Mateo", "Ava", "Lucas", "Sophia", "Ethan",
        "Mia", "Aarav", "Isabella", "Hiroshi", "Chloé", "Leon", "Amélie", "Finn", "Zoe", "Omar",
        "Nora", "Felix", "Inès", "Hugo", "Clara", "Jonas", "Elena", "Marco", "Freya", "Ravi",
    ]

    /// Family names, each with an ASCII spelling for e-mail addresses.
    static let familyNames: [(display: String, ascii: String)] = [
        ("Rosen", "rosen"), ("Smith", "smith"), ("García", "garcia"), ("Müller", "mueller"),
        ("Okafor", "okafor"), ("Dubois", "dubois"), ("Nakamura", "nakamura"), ("O'Brien", "obrien"),
        ("Kowalski", "kowalski"), ("Jansen", "jansen"), ("Rossi", "rossi"), ("Patel", "patel"),
        ("Schmidt", "schmidt"), ("Fernández", "fernandez"), ("Walsh", "walsh"), ("Novak", "novak"),
        ("Larsen", "larsen"), ("Chen", "chen"), ("Murphy", "murphy"), ("Bauer", "bauer"),
    ]

    /// Company names some customers carry as their display name.
    static let companies = [
        "Acme Robotics", "Blue Heron Labs", "Northwind Traders", "Lumen Analytics", "Pixel & Pine",
        "Quarry Street Bakery", "Helio Health", "Tandem Logistics", "Oakridge Dental", "Fjord Software",
    ]

    /// Street addresses: country, city, state (US/CA only), postal code, street, and whether
    /// the house number comes first.
    static let addresses: [String: [(country: String, city: String, state: String?, postalCode: String, street: String, numberFirst: Bool)]] = [
        "usd": [
            ("US", "San Francisco", "CA", "94102", "Market Street", true),
            ("US", "New York", "NY", "10001", "Broadway", true),
            ("US", "Austin", "TX", "78701", "Congress Avenue", true),
            ("US", "Seattle", "WA", "98101", "Pine Street", true),
            ("US", "Chicago", "IL", "60601", "Michigan Avenue", true),
            ("US", "Boston", "MA", "02108", "Beacon Street", true),
            ("CA", "Toronto", "ON", "M5V 2T6", "King Street West", true),
        ],
        "eur": [
            ("DE", "Berlin", nil, "10115", "Torstraße", false),
            ("DE", "München", nil, "80331", "Kaufingerstraße", false),
            ("FR", "Paris", nil, "75002", "Rue de la Paix", true),
            ("IE", "Dublin", nil, "D02 X285", "Grafton Street", true),
            ("NL", "Amsterdam", nil, "1012 JS", "Damrak", false),
            ("ES", "Madrid", nil, "28013", "Gran Vía", false),
        ],
        "gbp": [
            ("GB", "London", nil, "EC1V 9HX", "Old Street", true),
            ("GB", "Manchester", nil, "M1 1AE", "Deansgate", true),
            ("GB", "Edinburgh", nil, "EH2 2ER", "Princes Street", true),
        ],
    ]

    /// International dialling prefixes by country.
    static let dialPrefixes = ["US": "+1", "CA": "+1", "DE": "+49", "FR": "+33", "IE": "+353",
                               "NL": "+31", "ES": "+34", "GB": "+44"]

    /// Preferred locales by country.
    static let locales = ["US": "en-US", "CA": "en-CA", "DE": "de", "FR": "fr", "IE": "en-IE",
                          "NL": "nl", "ES": "es", "GB": "en-GB"]

    /// Card brands with their `display_brand` and relative weight (out of 10).
    static let cardBrands: [(brand: String, display: String, weight: Int)] = [
        ("visa", "visa", 6), ("mastercard", "mastercard", 3), ("amex", "american_express", 1),
    ]

    /// Customer tiers for metadata.
    static let tiers = ["bronze", "silver", "silver", "gold", "gold", "platinum"]

    /// Where customers signed up, for metadata.
    static let signupSources = ["web", "web", "web", "sales", "partner", "mobile"]
}
