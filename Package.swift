// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "drvkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "drvkit", targets: ["drvkit"]),
        .executable(name: "pnputil", targets: ["pnputil"]),
        .executable(name: "devcon", targets: ["devcon"]),
        .library(name: "INFSyntax", targets: ["INFSyntax"]),
        .library(name: "INFModel", targets: ["INFModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .target(name: "INFSyntax"),
        .target(name: "INFModel", dependencies: ["INFSyntax"]),
        .target(name: "INFLint", dependencies: ["INFModel", "INFSyntax", .product(name: "Yams", package: "Yams")]),
        .target(name: "Reporting", dependencies: ["INFSyntax"]),
        .target(name: "Authenticode", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "X509", package: "swift-certificates"),
        ]),
        .target(name: "DeviceSandbox", dependencies: [
            "INFModel", "INFSyntax", "INFLint", "DriverPackage", "Authenticode", "SigningPolicy", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "DriverPackage", dependencies: ["INFModel", "INFSyntax", "Authenticode"], resources: [.copy("Templates")]),
        .executableTarget(
            name: "drvkit",
            dependencies: [
                "INFSyntax", "INFModel", "INFLint", "Reporting", "Authenticode", "DriverPackage", "DeviceSandbox", "WindowsTools", "SigningPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "WindowsTools", dependencies: ["DeviceSandbox", "INFSyntax"]),
        .target(name: "SigningPolicy", dependencies: ["Authenticode", .product(name: "X509", package: "swift-certificates"),
                                                      .product(name: "SwiftASN1", package: "swift-asn1"), .product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(name: "pnputil", dependencies: ["WindowsTools"]),
        .executableTarget(name: "devcon", dependencies: ["WindowsTools"]),
        .executableTarget(name: "drvkit-bench", dependencies: ["INFSyntax", "INFModel", "INFLint", "Authenticode", "DeviceSandbox", "DriverPackage", "TestSupport",
                                                            .product(name: "X509", package: "swift-certificates")]),
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "INFSyntaxTests", dependencies: ["INFSyntax", "INFModel", "TestSupport"]),
        .testTarget(name: "INFModelTests", dependencies: ["INFModel", "INFSyntax", "TestSupport"]),
        .testTarget(name: "INFLintTests", dependencies: ["INFLint", "INFModel", "INFSyntax", "TestSupport"]),
        .testTarget(name: "AuthenticodeTests", dependencies: ["Authenticode", "TestSupport"]),
        .testTarget(name: "DeviceSandboxTests", dependencies: [
            "DeviceSandbox", "INFModel", "INFSyntax", "DriverPackage", "Authenticode", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "X509", package: "swift-certificates"),
        ]),
        .testTarget(name: "DriverPackageTests", dependencies: ["DriverPackage", "INFLint", "INFModel", "INFSyntax", "TestSupport", "Authenticode",
                                                               .product(name: "X509", package: "swift-certificates")]),
        .testTarget(name: "SigningPolicyTests", dependencies: [
            "SigningPolicy", "Authenticode", "TestSupport", .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"), .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "INFSyntax", "TestSupport"]),
        .testTarget(name: "drvkitTests", dependencies: ["INFSyntax", "INFModel", "TestSupport", "WindowsTools", "drvkit"]),
    ],
    swiftLanguageModes: [.v6]
)
