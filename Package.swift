// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "stripe-oltp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stripe-oltp", targets: ["stripe-oltp"]),
        .library(name: "StripeOLTP", targets: ["StripeOLTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ"]
        ),
        .target(
            name: "StripeHTTP",
            dependencies: ["CCurl"]
        ),
        .target(
            name: "StripeJSON"
        ),
        .target(
            name: "StripeSchema",
            dependencies: ["StripeJSON"]
        ),
        .target(
            name: "StripeGenerator",
            dependencies: ["StripeJSON", "StripeSchema", "BundledFiles"]
        ),
        .target(
            name: "StripeOLTP",
            dependencies: [
                "StripeJSON",
                "StripeSchema",
                "StripeGenerator",
                "Postgres",
                "StripeHTTP",
                .product(name: "Crypto", package: "swift-crypto"),
                "BundledFiles",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "stripe-oltp",
            dependencies: [
                "StripeJSON",
                "StripeSchema",
                "StripeGenerator",
                "StripeOLTP",
                "Postgres",
                "WebhookServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PureTestSupport",
            dependencies: ["StripeJSON", "StripeSchema", "StripeGenerator"],
            path: "Tests/PureTestSupport"
        ),
        .target(
            name: "TestSupport",
            dependencies: ["PureTestSupport", "StripeOLTP", "Postgres"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "StripeSchemaTests",
            dependencies: ["StripeJSON", "StripeSchema", "StripeGenerator", "PureTestSupport"]
        ),
        .testTarget(
            name: "PostgresTests",
            dependencies: ["Postgres", "TestSupport"]
        ),
        .testTarget(
            name: "StripeOLTPTests",
            dependencies: ["StripeJSON", "StripeSchema", "StripeGenerator", "StripeOLTP", "Postgres", "StripeHTTP",
                           "StripeEmulator", "PureTestSupport", "TestSupport", "WebhookServer",
                           .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "ServerThreads"
        ),
        .testTarget(
            name: "ServerThreadsTests",
            dependencies: ["ServerThreads"]
        ),
        .target(
            name: "StripeEmulator",
            dependencies: [
                "ServerThreads",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "stripe-oltp-emulator",
            dependencies: [
                "StripeEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "StripeEmulatorTests",
            dependencies: ["StripeEmulator"]
        ),
        .target(
            name: "WebhookServer",
            dependencies: [
                "ServerThreads",
                "StripeJSON",
                "StripeSchema",
                "StripeOLTP",
                "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .plugin(
            name: "BundledFilesPlugin",
            capability: .buildTool()
        ),
        .target(
            name: "BundledFiles",
            // A link to the top-level migrations/ (the one source of truth): it puts the folder in
            // the package's structure, so adding or removing a file there plans the build again.
            exclude: ["migrations"],
            plugins: ["BundledFilesPlugin"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
