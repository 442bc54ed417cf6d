import Testing

/// The synthetic dump generator's tests (`swift test --filter GenerateTests`).
@Suite("Synthetic dump generator")
struct GenerateTests {}
